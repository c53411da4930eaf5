package org.automb.audio.ffmpeg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Message;
import org.apache.camel.component.exec.ExecBinding;
import org.apache.camel.component.exec.ExecResult;
import org.automb.attempt.BookAttempt;
import org.automb.audio.ConvertTimeout;
import org.automb.audio.ProgressMonitor;
import org.automb.failure.TransientFailure;
import org.automb.media.AudioSource;
import org.automb.media.ffmpeg.CommandResult;
import org.automb.media.ffmpeg.ExecHeaders;
import org.automb.media.ffmpeg.ExecRunner;
import org.automb.media.ffmpeg.FfmpegTools;
import org.automb.plan.ChapterPlacer;
import org.automb.plan.ConversionPlan;
import org.automb.plan.SourcePlacement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the three {@link FfmpegAudioPass}es share: the command's common arguments, its time limit and progress,
 * the check of a pass cut off at the limit, the concat demuxer's list and the chapters as placed.
 */
public final class FfmpegAudioCommand {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegAudioCommand.class);

    private final FfmpegTools tools;
    private final ProgressMonitor progress;
    private final ConvertTimeout timeout;

    public FfmpegAudioCommand(FfmpegTools tools, ProgressMonitor progress, ConvertTimeout timeout) {
        this.tools = tools;
        this.progress = progress;
        this.timeout = timeout;
    }

    FfmpegTools tools() {
        return tools;
    }

    /**
     * How long the pass may take: camel-exec's watchdog kills ffmpeg when the book takes unreasonably long (a hung
     * NAS mount, a stuck decoder).
     */
    long limitMillis(ConversionPlan plan) {
        return timeout.forAudio(plan.totalSeconds()).toMillis();
    }

    /** The arguments every audio pass starts with. */
    static List<String> commonArguments() {
        return new ArrayList<>(List.of("-hide_banner", "-v", "warning", "-nostats"));
    }

    /**
     * Completes {@code args} with the progress file and the output, sets camel-exec's headers and records the pass;
     * {@code what} names the work in the progress log ("encoding", "joining").
     */
    void start(BookAttempt attempt, Message message, List<String> args, FfmpegPass pass, String what) {
        ConversionPlan plan = attempt.plan();
        Path audio = attempt.workDir().resolve("audio.m4a");
        Path progressFile = attempt.workDir().resolve("encode.progress");
        List<String> command = new ArrayList<>(args);
        command.addAll(List.of("-progress", progressFile.toString(), "-y", audio.toString()));
        ExecHeaders.set(message, tools.ffmpegCommand(command));
        attempt.audioFile(audio);
        ProgressMonitor.Watch watch = progress.watch(attempt.book().key(), what, progressFile, plan.totalSeconds());
        attempt.onClose(watch::stop);
        attempt.passUnderWay(pass);
        message.setHeader(ExecBinding.EXEC_COMMAND_TIMEOUT, pass.limitMillis());
    }

    /**
     * ffmpeg's result, once what the attempt started for the pass is closed; fails the book as timed out when the pass
     * was cut off at its limit: killed, or ({@code inputCutShort}) its input ended early.
     */
    CommandResult finish(BookAttempt attempt, ExecResult exec, java.util.function.BooleanSupplier inputCutShort) {
        CommandResult result = ExecRunner.toCommandResult(exec);
        attempt.closeResources();
        FfmpegPass pass = attempt.passUnderWay(FfmpegPass.class);
        long elapsedMillis = pass.elapsedMillis();
        if (elapsedMillis >= pass.limitMillis() && (!result.succeeded() || inputCutShort.getAsBoolean())) {
            throw new TransientFailure(attempt.book().key(), null, "ffmpeg timed out after " + elapsedMillis / 1000
                + " s and was killed (limit: the book's duration times CONVERT_TIMEOUT_FACTOR)", result.lastErrorLines(5));
        }
        return result;
    }

    /** Fails the book naming its sources unless ffmpeg succeeded. */
    static void requireSuccess(BookAttempt attempt, CommandResult result) {
        if (!result.succeeded()) {
            throw FfmpegFailures.of(attempt.book().key(), "write the audio", result,
                attempt.plan().sources().stream().map(AudioSource::file).toList());
        }
    }

    /** Records the audio's length and the chapters where each source starts, and the pass's time. */
    static void place(BookAttempt attempt, SourcePlacement placement) {
        attempt.audioMillis(placement.totalMillis());
        attempt.chapters(ChapterPlacer.place(attempt.plan(), placement));
        attempt.timed("audio", java.time.Duration.ofNanos(System.nanoTime() - attempt.passUnderWay(FfmpegPass.class).startNanos()));
        LOG.debug("book '{}': audio pass finished, {} chapters", attempt.book().key(), attempt.chapters().size());
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
    static Path writeConcatList(BookAttempt run, List<StreamCopyChapters.PartLayout> parts) {
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
