package org.automb.plugins;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.automb.tagging.Mp4Atoms;
import org.automb.tagging.TagSet;

/**
 * The tags a plugin at {@code direct:plugin-before-deliver} asks for: each header {@code AutoM4bTag.<name>} it sets
 * becomes a field of the m4b. The names are the ones ffprobe (and so Audiobookshelf) shows: {@code genre},
 * {@code grouping}, {@code comment}...; any other name becomes a freeform atom {@code ----:com.apple.iTunes:<name>},
 * which ffprobe shows under the bare name. A blank value writes nothing.
 */
public final class PluginTags {

    /** The headers' prefix: {@code AutoM4bTag.grouping}. */
    public static final String PREFIX = "AutoM4bTag.";

    /** A freeform name: letters, digits, '_' and '-', as tag editors write them. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /** ffprobe's name of each MP4 atom a plugin may set by that name. */
    private static final Map<String, String> NAMED = Map.ofEntries(
        Map.entry("title", Mp4Atoms.TITLE),
        Map.entry("album", Mp4Atoms.ALBUM),
        Map.entry("artist", Mp4Atoms.ARTIST),
        Map.entry("album_artist", Mp4Atoms.ALBUM_ARTIST),
        Map.entry("composer", Mp4Atoms.COMPOSER),
        Map.entry("genre", Mp4Atoms.GENRE),
        Map.entry("grouping", Mp4Atoms.GROUPING),
        Map.entry("comment", Mp4Atoms.COMMENT),
        Map.entry("description", Mp4Atoms.DESCRIPTION),
        Map.entry("date", Mp4Atoms.YEAR),
        Map.entry("copyright", Mp4Atoms.COPYRIGHT));

    private PluginTags() {
    }

    /**
     * The fields the {@code AutoM4bTag.*} headers among {@code headers} name (other headers ignored).
     *
     * @throws IllegalArgumentException naming the header, when a name is no tag name
     */
    public static TagSet from(Map<String, ?> headers) {
        TagSet.Builder tags = TagSet.builder();
        for (Map.Entry<String, ?> header : headers.entrySet()) {
            if (!header.getKey().regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || header.getValue() == null) {
                continue;
            }
            tags.text(atom(header.getKey().substring(PREFIX.length())), header.getValue().toString());
        }
        return tags.build();
    }

    /** The atom id of a tag name: a known one's atom, else a freeform atom of that name. */
    static String atom(String name) {
        String known = NAMED.get(name.toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("header " + PREFIX + name + ": '" + name + "' is no tag name (known: "
                + String.join(", ", new java.util.TreeSet<>(NAMED.keySet()))
                + "; or letters, digits, '_' and '-' for a custom one)");
        }
        return Mp4Atoms.freeform(name);
    }
}
