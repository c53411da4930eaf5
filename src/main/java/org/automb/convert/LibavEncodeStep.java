package org.automb.convert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.apache.camel.Exchange;
import org.automb.config.Settings;
import org.automb.convert.encoder.AacTarget;
import org.automb.convert.encoder.EncodeControl;
import org.automb.convert.encoder.NativeCrashGuard;
import org.automb.convert.encoder.SegmentedEncode;
import org.automb.convert.mp4.NotJoinableException;
import org.automb.jobs.BookRun;
import org.automb.jobs.ServiceStop;
import org.automb.jobs.TransientFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The convert-book route's in-JVM encode ({@code ENCODER=libav}): the book's AAC packets are written by
 * {@link SegmentedEncode}, a long book in segments at once, and then go the join-aac-parts way (ffmpeg's metadata
 * shell, the MP4 joiner), which also spares the second full pass over the audio that the ffmpeg encoder needs.
 */
public final class LibavEncodeStep {

    /** The header the convert-book route chooses on. */
    public static final String IN_JVM = "encodeInJvm";
    private static final Logger LOG = LoggerFactory.getLogger(LibavEncodeStep.class);

    private static final long PROGRESS_FILE_MILLIS = 500;

    private final Optional<SegmentedEncode> encode;
    private final ProgressMonitor progress;
    private final ConvertTimeout timeout;
    private final ScheduledExecutorService ticker;
    private final NativeCrashGuard crashGuard;
    private final ServiceStop stop;
    private final Optional<FfmpegTools> programs;

    /**
     * @param encode     the in-JVM encode; empty when it is not to be used (ENCODER=ffmpeg, FFMPEG_PATH, no libraries)
     * @param ticker     writes the book's {@code encode.progress} file
     * @param crashGuard the books to leave to an ffmpeg process (the service stopped during their last in-JVM encode)
     * @param stop       cancels the encode when the service stops
     * @param programs   the ffmpeg programs: AAC parts the MP4 joiner cannot take are encoded in the JVM instead when
     *                   these cannot be loaded here (the service needs no system library beyond the JDK's)
     */
    public LibavEncodeStep(Optional<SegmentedEncode> encode, ProgressMonitor progress, ConvertTimeout timeout,
                           ScheduledExecutorService ticker, NativeCrashGuard crashGuard, ServiceStop stop,
                           Optional<FfmpegTools> programs) {
        this.programs = programs;
        this.crashGuard = crashGuard;
        this.stop = stop;
        this.encode = encode;
        this.progress = progress;
        this.timeout = timeout;
        this.ticker = ticker;
    }

    /** Whether the in-JVM encoder should be used for {@code settings} and the libraries that loaded. */
    public static boolean wanted(Settings settings, boolean librariesLoaded) {
        return librariesLoaded && settings.encoder() == Settings.Encoder.LIBAV && settings.ffmpegPath().isBlank();
    }

    /** Sets {@value #IN_JVM}: true for a book to encode when the in-JVM encoder is in use. */
    public void decide(Exchange exchange) {
        BookRun run = exchange.getProperty("run", BookRun.class);
        boolean inJvm = encode.isPresent() && (run.plan().decision().mode() == CodecDecision.Mode.ENCODE
            || copyNeedsMissingProgram(run, exchange));
        if (inJvm && crashGuard.suspects(run.book().key())) {
            LOG.info("book '{}': the service stopped during its last in-JVM encode (a crash in the decoder?); encoding it "
                + "with an ffmpeg process this time, where a crash fails only the attempt", run.book().key());
            inJvm = false;
        }
        exchange.getIn().setHeader(IN_JVM, inJvm);
    }

    /**
     * A stream copy the MP4 joiner cannot take (raw ADTS, fragmented MP4) is joined by the ffmpeg program; where that
     * cannot load (its libavdevice's system libraries missing), the book is encoded in the JVM rather than failed.
     */
    private boolean copyNeedsMissingProgram(BookRun run, Exchange exchange) {
        if (run.plan().decision().mode() != CodecDecision.Mode.STREAM_COPY
                || Boolean.TRUE.equals(exchange.getIn().getHeader(AacJoinStep.JOINABLE, Boolean.class))
                || programs.isEmpty()) {
            return false;
        }
        Optional<String> unavailable = programs.get().unavailable();
        unavailable.ifPresent(why -> {
            LOG.warn("book '{}': its AAC parts are joined by the ffmpeg program, which {}; encoding the book in the JVM "
                + "instead", run.book().key(), why);
            // the plan says what was done, for the validator and intake.json
            ConversionPlan plan = run.plan();
            run.plan(new ConversionPlan(plan.book(), plan.sources(), new CodecDecision(CodecDecision.Mode.ENCODE,
                plan.decision().reason().replaceFirst(": joined without re-encoding$", "")
                    + ": encoded, the ffmpeg program that joins such parts as they are cannot be loaded here"),
                plan.bitrateKbps(), plan.sampleRate(), plan.channels(), plan.chapterTitles(), plan.chapterMarks(),
                plan.tags(), plan.cover()));
        });
        return unavailable.isPresent();
    }

    /** Encodes the book's audio and hands it to the join-aac-parts route with the chapters where each source starts. */
    public void encode(Exchange exchange) {
        BookRun run = exchange.getProperty("run", BookRun.class);
        ConversionPlan plan = run.plan();
        long started = System.nanoTime();
        EncodeControl control = new EncodeControl(timeout.forAudio(plan.totalSeconds()).toMillis());
        DoubleSupplier doneSeconds = () -> (double) control.encodedSamples() / plan.sampleRate();
        ProgressMonitor.Watch watch = progress.watch(run.book().key(), "encoding", doneSeconds, plan.totalSeconds());
        // the same progress file ffmpeg writes with -progress, for whoever follows a book in its working folder
        Path progressFile = run.workDir().resolve("encode.progress");
        ScheduledFuture<?> progressWriter = ticker.scheduleAtFixedRate(
            () -> appendProgress(progressFile, doneSeconds.getAsDouble(), false), PROGRESS_FILE_MILLIS, PROGRESS_FILE_MILLIS,
            TimeUnit.MILLISECONDS);
        SegmentedEncode.EncodedBook book;
        // a stop abandons the encode (its encoders end within a few frames) instead of waiting for the book
        try (NativeCrashGuard.Marker marker = crashGuard.encoding(run.workDir(), run.book().key());
             ServiceStop.Registration cancelOnStop = stop.whenStopping(control::cancel)) {
            book = encode.orElseThrow().encode(run.book().key(), plan.sources(),
                new AacTarget(plan.sampleRate(), plan.channels(), plan.bitrateKbps()), run.workDir(), control);
        } catch (IOException e) {
            throw new TransientFailure(run.book().key(), null, "cannot write to the working folder: " + e.getMessage(), e);
        } finally {
            progressWriter.cancel(false);
            watch.stop();
        }
        appendProgress(progressFile, doneSeconds.getAsDouble(), true);
        SourcePlacement placement = SourcePlacement.fromSamples(book.sourceSamples(), plan.sampleRate());
        run.audioMillis(placement.totalMillis());
        run.chapters(ChapterPlacer.place(plan, placement));
        run.segmentStarts(book.segmentStarts());
        try {
            exchange.setProperty(AacJoinStep.PARTS, book.parts(plan.sampleRate()));
        } catch (IOException | NotJoinableException e) {
            throw new IllegalStateException("book '" + run.book().key() + "': the encoded segments cannot be joined: "
                + e.getMessage(), e);
        }
        exchange.setProperty(AacJoinStep.SHELL_AUDIO, book.head());
        run.timed("audio", Duration.ofNanos(System.nanoTime() - started));
        LOG.debug("book '{}': audio encoded in {} segment(s)", run.book().key(), book.segments().size());
    }

    /** Appends one block as ffmpeg's {@code -progress} does: the audio written so far, then continue or end. */
    private static void appendProgress(Path file, double doneSeconds, boolean end) {
        String block = "out_time_us=" + Math.round(doneSeconds * 1e6) + "\nprogress=" + (end ? "end" : "continue") + "\n";
        try {
            Files.writeString(file, block, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // progress is informative only (the working folder may be going away with a failed attempt)
        }
    }
}
