package org.automb.convert;

import java.util.List;
import org.automb.tag.BookTags;

/**
 * Renders a book's tags and chapters as an ffmpeg metadata file ({@code ;FFMETADATA1}), which ffmpeg reads with
 * {@code -i book.ffmeta -map_metadata 1 -map_chapters 1}.
 */
public class FfmetadataWriter {

    /** The file's text, ending with a newline. Blank tags are left out. */
    public String render(BookTags tags, List<Chapter> chapters) {
        StringBuilder out = new StringBuilder(";FFMETADATA1\n");
        appendTag(out, "title", tags.title());
        appendTag(out, "album", tags.album());
        appendTag(out, "artist", tags.author());
        appendTag(out, "album_artist", tags.albumArtist());
        appendTag(out, "composer", tags.narrator());
        appendTag(out, "date", tags.year());
        appendTag(out, "comment", tags.comment());
        appendTag(out, "genre", tags.genre());
        // stik=2: players file the result under audiobooks, not music
        out.append("media_type=2\n");
        for (Chapter chapter : chapters) {
            appendChapter(out, chapter);
        }
        return out.toString();
    }

    private static void appendTag(StringBuilder out, String key, String value) {
        if (value != null && !value.isBlank()) {
            out.append(key).append('=').append(escape(value.strip())).append('\n');
        }
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
