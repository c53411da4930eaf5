package org.automb.audio.libav;

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
import org.apache.camel.ExchangeProperty;
import org.automb.attempt.BookAttempt;
import org.automb.attempt.RouteKeys;
import org.automb.audio.AudioWriter;
import org.automb.audio.ConvertTimeout;
import org.automb.audio.ProgressMonitor;
import org.automb.config.Settings;
import org.automb.failure.TransientFailure;
import org.automb.jobs.ServiceStop;
import org.automb.media.mp4.NotJoinableException;
import org.automb.plan.ChapterPlacer;
import org.automb.plan.ConversionPlan;
import org.automb.plan.SourcePlacement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encode-in-jvm route's encode ({@link org.automb.plan.AudioPath#JVM_SEGMENTS}, {@code ENCODER=libav}): the book's AAC packets
 * are written by {@link SegmentedEncode}, a long book in segments at once, and then go the join-aac-parts way (the
 * metadata shell, the MP4 joiner), which also spares the second full pass over the audio that the ffmpeg encoder needs.
 */
public final class LibavEncodeStep implements AudioWriter {

    private static final Logger LOG = LoggerFactory.getLogger(LibavEncodeStep.class);

    private static final long PROGRESS_FILE_MILLIS = 500;

    private final Optional<SegmentedEncode> encode;
    private final ProgressMonitor progress;
    private final ConvertTimeout timeout;
    private final ScheduledExecutorService ticker;
    private final NativeCrashGuard crashGuard;
    private final ServiceStop stop;

    /**
     * @param encode     the in-JVM encode; empty when it is not to be used (ENCODER=ffmpeg, FFMPEG_PATH, no libraries)
     * @param ticker     writes the book's {@code encode.progress} file
     * @param crashGuard marks the book's working folder while it is encoded, so a crash in a decoder is found at the
     *                   next start (see {@link org.automb.plan.AudioPathDecider})
     * @param stop       cancels the encode when the service stops
     */
    public LibavEncodeStep(Optional<SegmentedEncode> encode, ProgressMonitor progress, ConvertTimeout timeout,
                           ScheduledExecutorService ticker, NativeCrashGuard crashGuard, ServiceStop stop) {
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

    /** Encodes the book's audio and hands it to the join-aac-parts route with the chapters where each source starts. */
    @Override
    public void write(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt run) {
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
        // a user's cancel of the book closes its attempt's resources (BookSteps): the encoders end with them
        run.onClose(control::cancel);
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
        run.loudness(book.loudness());
        try {
            run.joinableParts(book.parts(plan.sampleRate()));
        } catch (IOException | NotJoinableException e) {
            throw new IllegalStateException("book '" + run.book().key() + "': the encoded segments cannot be joined: "
                + e.getMessage(), e);
        }
        run.shellAudio(book.head());
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
