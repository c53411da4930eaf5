package org.automb.tagging;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Audiobookshelf makes of a book's tags, by its reading rules (REFERENCE.md, "m4b tags and who reads them";
 * its prober looks tag names up case-insensitively and takes the first non-blank one): title from album else
 * title, authors from artist else album_artist, narrators from composer, series from series else grouping parsed as
 * {@code Name #N}, sequence from series-part, year from date, description from description else comment, genres
 * split on {@code /} or {@code ;}, and subtitle, publisher, language, isbn, asin (or audible_asin).
 */
final class AudiobookshelfRules {

    private static final Pattern GROUPING = Pattern.compile("^(.*) #([^#\\s]+)$");

    record Book(String title, String subtitle, List<String> authors, List<String> narrators, String series,
                String sequence, String year, String publisher, String description, List<String> genres,
                String language, String isbn, String asin) {
    }

    private AudiobookshelfRules() {
    }

    /** The book Audiobookshelf would show for a file whose ffprobe format tags are {@code tags}. */
    static Book read(Map<String, String> tags) {
        String series = tag(tags, "series", "show", "mvnm");
        String sequence = tag(tags, "series-part", "episode_id", "mvin", "part");
        if (series.isEmpty()) {
            Matcher grouping = GROUPING.matcher(tag(tags, "grouping", "grp1"));
            if (grouping.matches()) {
                series = grouping.group(1);
                sequence = grouping.group(2);
            }
        }
        String date = tag(tags, "date", "tyer", "tye");
        return new Book(
            first(tag(tags, "album", "talb", "tal"), tag(tags, "title", "tit2", "tt2")),
            tag(tags, "subtitle", "tit3", "tt3"),
            names(first(tag(tags, "artist", "tpe1", "tp1"), tag(tags, "albumartist", "album_artist", "tpe2"))),
            names(tag(tags, "composer", "tcom", "tcm")),
            series, sequence,
            date.length() >= 4 ? date.substring(0, 4) : date,
            tag(tags, "publisher", "tpub", "tpb"),
            first(tag(tags, "description", "desc"), tag(tags, "comment", "comm", "com")),
            Arrays.stream(tag(tags, "genre", "tcon", "tco").split("[/;]")).map(String::strip).filter(g -> !g.isEmpty()).toList(),
            tag(tags, "language", "lang"),
            tag(tags, "isbn"),
            tag(tags, "asin", "audible_asin"));
    }

    /** Authors and narrators are lists separated by commas, ampersands or semicolons. */
    private static List<String> names(String text) {
        return Arrays.stream(text.split("\\s*[,;&]\\s*")).map(String::strip).filter(n -> !n.isEmpty()).toList();
    }

    private static String first(String value, String otherwise) {
        return value.isEmpty() ? otherwise : value;
    }

    private static String tag(Map<String, String> tags, String... names) {
        for (String name : names) {
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                if (tag.getKey().equalsIgnoreCase(name) && tag.getValue() != null && !tag.getValue().isBlank()) {
                    return tag.getValue().strip();
                }
            }
        }
        return "";
    }
}
