package org.automb.tagging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.automb.media.ffmpeg.CommandResult;
import org.automb.media.ffmpeg.ExecRunner;
import org.automb.media.ffmpeg.FfmpegTools;
import org.automb.plan.LibavProbe;

/**
 * Reads a file as {@code ffprobe -show_format -show_streams -show_chapters -of json} describes it: what the tag
 * writer compares before and after, as every player built on libavformat (and Audiobookshelf) sees the book.
 */
@FunctionalInterface
public interface MediaProbe {

    JsonNode probe(Path file) throws IOException;

    /** The in-JVM probe (bundled libavformat). */
    static MediaProbe libav(LibavProbe probe) {
        return file -> {
            try {
                return probe.probe(file);
            } catch (LibavProbe.Unreadable e) {
                throw new IOException(e.getMessage(), e);
            }
        };
    }

    /** The ffprobe program, where the bundled libraries cannot be loaded in the JVM. */
    static MediaProbe ffprobe(FfmpegTools tools, ExecRunner exec) {
        ObjectMapper json = new ObjectMapper();
        return file -> {
            CommandResult result = exec.run(tools.ffprobeCommand(List.of("-v", "error", "-show_format", "-show_streams",
                "-show_chapters", "-of", "json", file.toString())));
            if (!result.succeeded()) {
                throw new IOException(file.getFileName() + ": ffprobe cannot read it: " + result.lastErrorLines(3));
            }
            return json.readTree(result.stdout());
        };
    }
}
