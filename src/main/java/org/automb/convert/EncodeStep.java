package org.automb.convert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.exec.ExecBinding;
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

    private final FfmpegTools tools;
    private final ProgressMonitor progress;
    private final StreamCopyChapters streamCopyChapters;

    public EncodeStep(FfmpegTools tools, ProgressMonitor progress, StreamCopyChapters streamCopyChapters) {
        this.tools = tools;
        this.progress = progress;
        this.streamCopyChapters = streamCopyChapters;
    }

    /** Sets the exec headers (and, for an encode, the PCM stream as stdin) for the audio pass. */
    public void prepare(Exchange exchange) {
        BookRun run = exchange.getProperty("run", BookRun.class);
        ConversionPlan plan = run.plan();
        Path audio = run.workDir().resolve("audio.m4a");
        Path progressFile = run.workDir().resolve("encode.progress");
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-v", "warning", "-nostats"));
        if (plan.decision().mode() == CodecDecision.Mode.STREAM_COPY) {
            args.add("-nostdin");
            args.addAll(List.of("-f", "concat", "-safe", "0", "-i", writeConcatList(run).toString(), "-map", "0:a", "-c", "copy"));
            exchange.getIn().setBody(null);
        } else {
            PcmFeed feed = new PcmFeed(tools, plan.sources(), plan.sampleRate(), plan.channels(), run.workDir());
            args.addAll(feed.encoderInputArguments());
            args.addAll(List.of("-map", "0:a", "-c:a", "aac", "-b:a", plan.bitrateKbps() + "k"));
            exchange.setProperty(FEED, feed);
            run.onClose(feed);
            exchange.getIn().setBody(feed);
        }
        args.addAll(List.of("-progress", progressFile.toString(), "-y", audio.toString()));
        List<String> command = tools.ffmpegCommand(args);
        exchange.getIn().setHeader(ExecBinding.EXEC_COMMAND_EXECUTABLE, command.get(0));
        exchange.getIn().setHeader(ExecBinding.EXEC_COMMAND_ARGS, List.copyOf(command.subList(1, command.size())));
        run.audioFile(audio);
        String what = plan.decision().mode() == CodecDecision.Mode.STREAM_COPY ? "joining" : "encoding";
        ProgressMonitor.Watch watch = progress.watch(run.book().key(), what, progressFile, plan.totalSeconds());
        run.onClose(watch::stop);
        exchange.setProperty("phaseStart", System.nanoTime());
    }

    /** Fails the book unless ffmpeg and every decoder succeeded; places the chapters where each source really starts. */
    public void check(Exchange exchange) {
        BookRun run = exchange.getProperty("run", BookRun.class);
        ConversionPlan plan = run.plan();
        CommandResult result = ExecRunner.toCommandResult(exchange.getIn().getBody(ExecResult.class));
        run.closeResources();
        PcmFeed feed = exchange.getProperty(FEED, PcmFeed.class);
        if (feed != null && feed.failure().isPresent()) {
            PcmFeed.DecodeFailure failure = feed.failure().get();
            throw new PermanentFailure(run.book().key(), failure.file(), "the audio cannot be decoded: " + failure.reason(), "");
        }
        if (!result.succeeded()) {
            throw failureOf(run, result);
        }
        if (feed != null && !feed.isComplete()) {
            throw new TransientFailure(run.book().key(), null, "the encoder stopped before all files were read",
                result.lastErrorLines(5));
        }
        SourcePlacement placement = feed != null
            ? SourcePlacement.fromSamples(feed.samplesPerSource(), feed.sampleRate())
            : streamCopyChapters.place(run.book().key(), plan.sources());
        run.audioMillis(placement.totalMillis());
        run.chapters(ChapterPlacer.place(plan, placement));
        run.timed("audio", java.time.Duration.ofNanos(System.nanoTime() - exchange.getProperty("phaseStart", Long.class)));
        LOG.debug("book '{}': audio pass finished, {} chapters", run.book().key(), run.chapters().size());
    }

    private static RuntimeException failureOf(BookRun run, CommandResult result) {
        String lines = result.lastErrorLines(8);
        if (lines.contains("No space left on device")) {
            return new TransientFailure(run.book().key(), null, "the working folder is full (no space left on device)", lines);
        }
        if (result.exitCode() >= 128 || result.exitCode() < 0) {
            return new TransientFailure(run.book().key(), null, "ffmpeg was killed (exit " + result.exitCode() + ")", lines);
        }
        return new PermanentFailure(run.book().key(), null, "ffmpeg failed to write the audio (exit " + result.exitCode() + ")", lines);
    }

    /** The concat demuxer's list: one quoted absolute path per line (a quote is written as '\''). */
    private static Path writeConcatList(BookRun run) {
        StringBuilder list = new StringBuilder("ffconcat version 1.0\n");
        for (AudioSource source : run.plan().sources()) {
            list.append("file '").append(source.file().toAbsolutePath().toString().replace("'", "'\\''")).append("'\n");
        }
        Path file = run.workDir().resolve("sources.ffconcat");
        try {
            Files.writeString(file, list, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
