package org.automb.audio.join;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.automb.attempt.BookAttempt;
import org.automb.attempt.RouteKeys;
import org.automb.audio.ffmpeg.MuxStep;
import org.automb.failure.PermanentFailure;
import org.automb.failure.TransientFailure;
import org.automb.io.FileHashes;
import org.automb.io.GrowingFileDigest;
import org.automb.media.ffmpeg.ExecHeaders;
import org.automb.media.ffmpeg.FfmpegTools;
import org.automb.media.mp4.AacPartJoiner;
import org.automb.media.mp4.JoinTimeline;
import org.automb.media.mp4.NotJoinableException;
import org.automb.plan.ChapterPlacer;
import org.automb.plan.SourcePlacement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The join-aac-parts route's steps: AAC .m4a parts of one codec setup are joined by {@link AacPartJoiner} into the
 * final .m4b (one continuous track with one edit, each chapter on its part's true start, see
 * {@link JoinTimeline}) at about the speed of a file copy, into a small metadata shell (tags, cover, chapters) around
 * part 1's first frames. The shell is written in the JVM by {@link LibavShellWriter}, or by the ffmpeg program with
 * the same arguments as the mux pass when FFMPEG_PATH names one.
 */
public final class AacJoinStep {

    private static final Logger LOG = LoggerFactory.getLogger(AacJoinStep.class);
    private static final String SHELL = "shell.m4b";

    private final FfmpegTools tools;
    private final MuxStep mux;
    private final FileHashes hashes;
    private final Optional<LibavShellWriter> shellWriter;

    /** The shell always written by the ffmpeg program. */
    public AacJoinStep(FfmpegTools tools, MuxStep mux, FileHashes hashes) {
        this(tools, mux, hashes, Optional.empty());
    }

    /** @param shellWriter writes the shell in the JVM; empty: the ffmpeg program writes it (FFMPEG_PATH, no libraries) */
    public AacJoinStep(FfmpegTools tools, MuxStep mux, FileHashes hashes, Optional<LibavShellWriter> shellWriter) {
        this.tools = tools;
        this.mux = mux;
        this.hashes = hashes;
        this.shellWriter = shellWriter;
    }

    /**
     * Places the chapters where each part starts in the joined book (unless the encoder placed them) and sets header
     * {@link RouteKeys#SHELL_IN_JVM}: whether the JVM writes the shell, or the ffmpeg program (FFMPEG_PATH set, or the
     * libraries not loaded).
     */
    public void placeChapters(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt run, Message message) {
        AacPartJoiner.JoinableParts parts = run.joinableParts();
        if (run.shellAudio().isEmpty()) {
            // AAC sources joined as they are: each part is one source, and its chapter starts where its audio does
            JoinTimeline timeline = parts.timeline();
            SourcePlacement placement = SourcePlacement.fromSamples(timeline.presentedDurations(), Math.toIntExact(parts.timescale()));
            run.audioMillis(placement.totalMillis());
            run.chapters(ChapterPlacer.place(run.plan(), placement));
            run.shellAudio(run.plan().sources().get(0).file().toAbsolutePath());
        }
        message.setHeader(RouteKeys.SHELL_IN_JVM, shellWriter.isPresent());
    }

    /**
     * Writes the shell in the JVM: part 1's (or the encoder's head file's) first two frames with the book's tags,
     * chapters and cover, the movie timescale the sample rate (so every edit lands on its exact sample), no faststart
     * (the joiner writes the moov first itself).
     */
    public void writeShell(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt run) {
        AacPartJoiner.JoinableParts parts = run.joinableParts();
        Path shellAudio = run.shellAudio().orElseThrow();
        long twoFramesMicros = Math.round(1e6 * twoFramesSeconds(parts));
        try {
            shellWriter.orElseThrow().write(run.workDir().resolve(SHELL), shellAudio, twoFramesMicros,
                mux.tags(run), run.chapters(), run.plan().cover(), parts.timescale());
        } catch (LibavShellWriter.UnreadableInput e) {
            throw new PermanentFailure(run.book().key(), e.file(), e.getMessage(), e);
        } catch (IOException e) {
            // as for ffmpeg's shell (FfmpegFailures): a full disk is worth a retry, anything else is not
            if (String.valueOf(e.getMessage()).contains("No space left")) {
                throw new TransientFailure(run.book().key(), null, "the working folder is full (no space left on device)", e);
            }
            throw new PermanentFailure(run.book().key(), null, "cannot write the m4b's metadata shell: " + e.getMessage(), e);
        }
    }

    /** Sets up the ffmpeg program to write the shell, with the arguments of the mux pass (see {@link #writeShell}). */
    public void prepareShell(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt run, Message message) {
        AacPartJoiner.JoinableParts parts = run.joinableParts();
        Path shellAudio = run.shellAudio().orElseThrow();
        // an input duration, not -t or -frames on the output: those clip the chapters or drop the cover
        List<String> firstFrames = List.of("-t", String.format(Locale.ROOT, "%.6f", twoFramesSeconds(parts)));
        List<String> args = mux.arguments(run, firstFrames, shellAudio,
            mux.writeMetadata(run), List.of("-movie_timescale", String.valueOf(parts.timescale())), run.workDir().resolve(SHELL));
        ExecHeaders.set(message, tools.ffmpegCommand(args));
        message.setBody(null);
    }

    private static double twoFramesSeconds(AacPartJoiner.JoinableParts parts) {
        return 2.0 * parts.parts().get(0).timing().frame() / parts.timescale();
    }

    /**
     * Writes the book: the shell's metadata with every part's audio (after the shell's ffmpeg run was checked). The
     * output's SHA-256 is computed behind the joiner as it writes.
     */
    public void join(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt run) {
        AacPartJoiner.JoinableParts parts = run.joinableParts();
        long started = System.nanoTime();
        Path output = run.workDir().resolve("output.m4b");
        GrowingFileDigest digest = hashes.follow(output);
        run.onClose(digest::abandon);
        // a stop or a user's cancel closes the attempt's resources: the join ends within a few megabytes
        java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        run.onClose(() -> ended.set(true));
        try {
            AacPartJoiner.join(run.workDir().resolve(SHELL), parts, output, written -> {
                if (ended.get()) {
                    throw new java.util.concurrent.CancellationException("book '" + run.book().key() + "': join ended");
                }
                digest.grewTo(written);
            });
        } catch (IOException e) {
            digest.abandon();
            throw new TransientFailure(run.book().key(), null, "cannot write the joined book: " + e.getMessage(), e);
        } catch (NotJoinableException e) {
            digest.abandon();
            throw new PermanentFailure(run.book().key(), null, "ffmpeg's metadata shell cannot be joined: " + e.getMessage(), e);
        }
        digest.complete();
        run.outputHashUnderWay(output, digest.sha256());
        run.workingOutput(output);
        run.timed("audio", Duration.ofNanos(System.nanoTime() - started));
        LOG.debug("book '{}': {} parts joined, {} chapters", run.book().key(), parts.parts().size(), run.chapters().size());
    }
}
