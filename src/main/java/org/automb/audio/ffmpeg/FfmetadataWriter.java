package org.automb.audio.ffmpeg;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automb.plan.BookTags;
import org.automb.plan.Chapter;

/**
 * Renders a book's tags and chapters as an ffmpeg metadata file ({@code ;FFMETADATA1}), which ffmpeg reads with
 * {@code -i book.ffmeta -map_metadata 1 -map_chapters 1}.
 */
public class FfmetadataWriter {

    /** The file's text, ending with a newline. Blank tags are left out. */
    public String render(BookTags tags, List<Chapter> chapters) {
        StringBuilder out = new StringBuilder(";FFMETADATA1\n");
        tags(tags).forEach((key, value) -> out.append(key).append('=').append(escape(value)).append('\n'));
        for (Chapter chapter : chapters) {
            appendChapter(out, chapter);
        }
        return out.toString();
    }

    /**
     * The book's global tags as ffmpeg reads them back from the file, in its order: what {@link org.automb.audio.join.LibavShellWriter}
     * gives the muxer directly.
     */
    public Map<String, String> tags(BookTags tags) {
        Map<String, String> out = new LinkedHashMap<>();
        putTag(out, "title", tags.title());
        putTag(out, "album", tags.album());
        putTag(out, "artist", tags.author());
        putTag(out, "album_artist", tags.albumArtist());
        putTag(out, "composer", tags.narrator());
        putTag(out, "date", tags.year());
        putTag(out, "comment", tags.comment());
        putTag(out, "genre", tags.genre());
        // stik=2: players file the result under audiobooks, not music
        out.put("media_type", "2");
        return out;
    }

    private static void putTag(Map<String, String> out, String key, String value) {
        if (value != null && !value.isBlank()) {
            out.put(key, plain(value));
        }
    }

    /** A value as ffmpeg reads it back: stripped, every line break a newline. */
    public static String plain(String value) {
        return value.strip().replace("\r\n", "\n").replace('\r', '\n');
    }

    private static void appendChapter(StringBuilder out, Chapter chapter) {
        out.append("[CHAPTER]\n")
                .append("TIMEBASE=1/1000\n")
                .append("START=").append(chapter.startMillis()).append('\n')
                .append("END=").append(chapter.endMillis()).append('\n')
                .append("title=").append(escape(chapter.title() == null ? "" : chapter.title().strip())).append('\n');
    }

    /** ffmpeg's metadata syntax gives '=', ';', '#', '\' and newline a meaning; a backslash makes them literal. */
    static String escape(String value) {
        String normalized = value.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder escaped = new StringBuilder(normalized.length() + 8);
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (c == '=' || c == ';' || c == '#' || c == '\\' || c == '\n') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
