package org.automb.audio.ffmpeg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.exec.ExecResult;
import org.automb.attempt.BookAttempt;
import org.automb.attempt.RouteKeys;
import org.automb.media.AudioSource;
import org.automb.media.ffmpeg.CommandResult;
import org.automb.media.ffmpeg.ExecHeaders;
import org.automb.media.ffmpeg.ExecRunner;
import org.automb.media.ffmpeg.FfmpegTools;
import org.automb.plan.ConversionPlan;
import org.automb.plan.CoverPicker;

/**
 * Prepares and checks the second ffmpeg run: the book's audio stream-copied into the .m4b with its chapters,
 * tags ({@code stik}=audiobook) and cover, moov first so players can start at once. {@link org.automb.audio.join.AacJoinStep} builds its
 * metadata shell with the same arguments.
 */
public final class MuxStep {

    private final FfmpegTools tools;
    private final FfmetadataWriter metadataWriter;

    public MuxStep(FfmpegTools tools, FfmetadataWriter metadataWriter) {
        this.tools = tools;
        this.metadataWriter = metadataWriter;
    }

    /** Sets up the mux pass: the audio pass's file with the book's metadata into the .m4b. */
    public void prepare(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt run, Message message) {
        Path output = run.workDir().resolve("output.m4b");
        List<String> args = arguments(run, List.of(), run.audioFile(), writeMetadata(run),
            List.of("-movflags", "+faststart"), output);
        ExecHeaders.set(message, tools.ffmpegCommand(args));
        message.setBody(null);
        run.workingOutput(output);
    }

    /** The book's global tags as the metadata file gives them to ffmpeg. */
    public java.util.Map<String, String> tags(BookAttempt run) {
        return metadataWriter.tags(run.plan().tags());
    }

    /** Writes the book's FFMETADATA file (tags, {@code media_type}, the chapters as placed) into its working folder. */
    public Path writeMetadata(BookAttempt run) {
        Path metadata = run.workDir().resolve("metadata.txt");
        try {
            Files.writeString(metadata, metadataWriter.render(run.plan().tags(), run.chapters()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return metadata;
    }

    /**
     * ffmpeg's arguments (without the executable) to write {@code output}, an ipod-format .m4b, from the audio of
     * {@code audio} (read with {@code audioInputOptions}), the tags and chapters of {@code metadata} and the
     * plan's cover; {@code outputOptions} come just before the output format.
     */
    public List<String> arguments(BookAttempt run, List<String> audioInputOptions, Path audio, Path metadata,
                           List<String> outputOptions, Path output) {
        ConversionPlan plan = run.plan();
        List<String> args = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-v", "warning", "-nostats"));
        args.addAll(audioInputOptions);
        args.addAll(List.of("-i", audio.toString(), "-f", "ffmetadata", "-i", metadata.toString()));
        plan.cover().ifPresent(cover -> args.addAll(List.of("-i", cover.file().toAbsolutePath().toString())));
        args.addAll(List.of("-map", "0:a", "-map_metadata", "1", "-map_chapters", "1", "-c:a", "copy"));
        plan.cover().ifPresent(cover -> {
            args.addAll(List.of("-map", cover.streamIndex() >= 0 ? "2:" + cover.streamIndex() : "2:v:0"));
            args.addAll(List.of("-c:v", copiesAsIs(cover) ? "copy" : "mjpeg", "-disposition:v:0", "attached_pic"));
        });
        args.addAll(outputOptions);
        args.addAll(List.of("-f", "ipod", "-y", output.toString()));
        return args;
    }

    /** Fails the book unless ffmpeg wrote the .m4b (or the join's shell). */
    public void check(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt run, @Body ExecResult execResult) {
        CommandResult result = ExecRunner.toCommandResult(execResult);
        if (!result.succeeded()) {
            // the working folder holds the audio and the m4b at once: a full disk often shows up here first
            List<Path> inputs = new ArrayList<>(run.plan().sources().stream().map(AudioSource::file).toList());
            run.plan().cover().ifPresent(cover -> inputs.add(cover.file()));
            throw FfmpegFailures.of(run.book().key(), "write the m4b", result, inputs);
        }
    }

    /** MP4 holds JPEG and PNG cover art; anything else (webp, bmp, gif) is re-encoded as JPEG. */
    public static boolean copiesAsIs(CoverPicker.CoverChoice cover) {
        if (cover.streamIndex() >= 0) {
            return true;
        }
        String name = cover.file().getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png");
    }
}
