package org.automb.tagging;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
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
}
