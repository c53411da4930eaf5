package org.automb.convert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.component.exec.ExecResult;
import org.automb.jobs.BookRun;
import org.automb.jobs.PermanentFailure;
import org.automb.jobs.TransientFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares and checks the one ffmpeg run that produces a book's audio (the {@code exec:} step of the
 * convert-book route): either all sources decoded into one AAC encoder, or AAC parts joined by stream copy.
 */
public final class EncodeStep {

    private static final Logger LOG = LoggerFactory.getLogger(EncodeStep.class);
    private static final String FEED = "pcmFeed";
    private static final String PARTS = "streamCopyParts";
    private static final String COUNTS = "sampleCounts";

    private final FfmpegTools tools;
    private final ProgressMonitor progress;
    private final StreamCopyChapters streamCopyChapters;
    private final ConvertTimeout timeout;
    private final java.util.Optional<ConcatEncode> concatEncode;

    /**
     * @param concatEncode the single-process encode, when the in-JVM sample count is available; without it every
     *                     book is fed through {@link PcmFeed}
     */
    public EncodeStep(FfmpegTools tools, ProgressMonitor progress, StreamCopyChapters streamCopyChapters,
                      ConvertTimeout timeout, java.util.Optional<ConcatEncode> concatEncode) {
        this.timeout = timeout;
        this.tools = tools;
        this.progress = progress;
        this.streamCopyChapters = streamCopyChapters;
        this.concatEncode = concatEncode;
    }

    /** Sets the exec headers (and, for an encode, the PCM stream as stdin) for the audio pass. */
    public void prepare(Exchange exchange) {
        BookRun run = exchange.getProperty("run", BookRun.class);
        ConversionPlan plan = run.plan();
        Path audio = run.workDir().resolve("audio.m4a");
        Path progressFile = run.workDir().resolve("encode.progress");
        // camel-exec's watchdog kills ffmpeg when the book takes unreasonably long (a hung NAS mount, a stuck decoder)
        long limit = timeout.forAudio(plan.totalSeconds()).toMillis();
        // taken before the feed's cut-off is scheduled: a cut-off then always finds the limit passed in check()
        long phaseStart = System.nanoTime();
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-v", "warning", "-nostats"));
        if (plan.decision().mode() == CodecDecision.Mode.STREAM_COPY) {
            args.add("-nostdin");
            List<StreamCopyChapters.PartLayout> parts = streamCopyChapters.layouts(run.book().key(), plan.sources());
            exchange.setProperty(PARTS, parts);
            args.addAll(List.of("-f", "concat", "-safe", "0", "-i", writeConcatList(run, parts).toString(), "-map", "0:a", "-c", "copy"));
            exchange.getIn().setBody(null);
        } else if (concatEncode.isPresent() && ConcatEncode.suits(plan)) {
            args.add("-nostdin");
            exchange.setProperty(COUNTS, concatEncode.get().countSamples(run.book().key(), plan.sources()));
            args.addAll(concatEncode.get().inputArguments(writeConcatList(run, null)));
            args.addAll(List.of("-c:a", "aac", "-b:a", plan.bitrateKbps() + "k", "-ar", String.valueOf(plan.sampleRate()),
                "-ac", String.valueOf(plan.channels())));
            exchange.getIn().setBody(null);
        } else {
            PcmFeed feed = new PcmFeed(tools, plan.sources(), plan.sampleRate(), plan.channels(), run.workDir());
            args.addAll(feed.encoderInputArguments());
            args.addAll(List.of("-map", "0:a", "-c:a", "aac", "-b:a", plan.bitrateKbps() + "k"));
            exchange.setProperty(FEED, feed);
            run.onClose(feed);
            // the watchdog's SIGTERM does not end an ffmpeg blocked reading its stdin (a stalled decoder): ending the
            // stream at the limit does
            CompletableFuture<Void> cutOff = CompletableFuture.runAsync(feed::close,
                CompletableFuture.delayedExecutor(limit, TimeUnit.MILLISECONDS));
            run.onClose(() -> cutOff.cancel(false));
            exchange.getIn().setBody(feed);
        }
        args.addAll(List.of("-progress", progressFile.toString(), "-y", audio.toString()));
        List<String> command = tools.ffmpegCommand(args);
        ExecHeaders.set(exchange, command);
        run.audioFile(audio);
        String what = plan.decision().mode() == CodecDecision.Mode.STREAM_COPY ? "joining" : "encoding";
        ProgressMonitor.Watch watch = progress.watch(run.book().key(), what, progressFile, plan.totalSeconds());
        run.onClose(watch::stop);
        exchange.setProperty("phaseStart", phaseStart);
        exchange.getIn().setHeader(org.apache.camel.component.exec.ExecBinding.EXEC_COMMAND_TIMEOUT, limit);
        exchange.setProperty("timeoutMillis", limit);
    }

    /** Fails the book unless ffmpeg and every decoder succeeded; places the chapters where each source really starts. */
    public void check(Exchange exchange) {
        BookRun run = exchange.getProperty("run", BookRun.class);
        ConversionPlan plan = run.plan();
        CommandResult result = ExecRunner.toCommandResult(exchange.getIn().getBody(ExecResult.class));
        run.closeResources();
        PcmFeed feed = exchange.getProperty(FEED, PcmFeed.class);
        long elapsedMillis = (System.nanoTime() - exchange.getProperty("phaseStart", Long.class)) / 1_000_000;
        long limit = exchange.getProperty("timeoutMillis", Long.class);
        // cut off at the limit: killed, or its input ended early (the feed is closed at the limit)
        if (elapsedMillis >= limit && (!result.succeeded() || feed != null && !feed.isComplete())) {
            throw new TransientFailure(run.book().key(), null, "ffmpeg timed out after " + elapsedMillis / 1000
                + " s and was killed (limit: the book's duration times CONVERT_TIMEOUT_FACTOR)", result.lastErrorLines(5));
        }
        if (feed != null && feed.failure().isPresent()) {
            PcmFeed.DecodeFailure failure = feed.failure().get();
            throw new PermanentFailure(run.book().key(), failure.file(), "the audio cannot be decoded: " + failure.reason(), "");
        }
        // a source that cannot be decoded whole fails the book naming it, before ffmpeg's own error
        ConcatEncode.SampleCounts counts = exchange.getProperty(COUNTS) != null ? sampleCounts(exchange) : null;
        if (!result.succeeded()) {
            throw FfmpegFailures.of(run.book().key(), "write the audio", result,
                plan.sources().stream().map(AudioSource::file).toList());
        }
        if (feed != null && !feed.isComplete()) {
            throw new TransientFailure(run.book().key(), null, "the encoder stopped before all files were read",
                result.lastErrorLines(5));
        }
        SourcePlacement placement;
        if (feed != null) {
            placement = SourcePlacement.fromSamples(feed.samplesPerSource(), feed.sampleRate());
        } else if (counts != null) {
            ConcatEncode.SampleCounts exact = concatEncode.orElseThrow().confirmed(run.book().key(), plan.sources(),
                counts, run.audioFile());
            placement = SourcePlacement.fromSamples(exact.samples(), plan.sampleRate());
        } else {
            placement = streamCopyChapters.place(partsOf(exchange));
        }
        run.audioMillis(placement.totalMillis());
        run.chapters(ChapterPlacer.place(plan, placement));
        run.timed("audio", java.time.Duration.ofNanos(System.nanoTime() - exchange.getProperty("phaseStart", Long.class)));
        LOG.debug("book '{}': audio pass finished, {} chapters", run.book().key(), run.chapters().size());
    }

    /** The sources' sample counts, waiting for the count to finish; its failure is the book's. */
    @SuppressWarnings("unchecked")
    private static ConcatEncode.SampleCounts sampleCounts(Exchange exchange) {
        return org.automb.concurrent.Futures.await(
            (CompletableFuture<ConcatEncode.SampleCounts>) exchange.getProperty(COUNTS, CompletableFuture.class));
    }

    @SuppressWarnings("unchecked")
    private static List<StreamCopyChapters.PartLayout> partsOf(Exchange exchange) {
        return exchange.getProperty(PARTS, List.class);
    }

    /**
     * The concat demuxer's list: one quoted absolute path per line (a quote is written as '\'').
     * The list is line based and has no escape for a line break, so a source whose path holds one is listed
     * through a symlink with a plain name in the working folder.
     *
     * <p>For a stream copy ({@code parts} given) each part is listed with the duration of all its packets (priming
     * and padding included); an encode lists the files only. Without the durations the demuxer starts each part where the previous part's trimmed duration ends: the parts' packets overlap, the
     * muxer squeezes their timestamps, and the book's timeline (seeking to a chapter, the duration) drifts from
     * the audio by about a frame at every join. Durations are written from rounded cumulative positions so no
     * rounding error accumulates over many parts.
     */
    private static Path writeConcatList(BookRun run, List<StreamCopyChapters.PartLayout> parts) {
        StringBuilder list = new StringBuilder("ffconcat version 1.0\n");
        List<AudioSource> sources = run.plan().sources();
        long position = 0;
        long previousMicros = 0;
        try {
            for (int i = 0; i < sources.size(); i++) {
                Path source = sources.get(i).file().toAbsolutePath();
                if (source.toString().contains("\n") || source.toString().contains("\r")) {
                    source = Files.createSymbolicLink(run.workDir().resolve("source-" + (i + 1) + ".m4a"), source);
                }
                list.append("file '").append(source.toString().replace("'", "'\\''")).append("'\n");
                if (parts == null) {
                    continue;
                }
                StreamCopyChapters.PartLayout part = parts.get(i);
                position += part.totalSamples();
                long micros = (position * 1_000_000L + part.sampleRate() / 2) / part.sampleRate();
                list.append("duration ").append(java.math.BigDecimal.valueOf(micros - previousMicros, 6).toPlainString()).append('\n');
                previousMicros = micros;
            }
            Path file = run.workDir().resolve("sources.ffconcat");
            Files.writeString(file, list, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
