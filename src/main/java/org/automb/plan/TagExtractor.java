package org.automb.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.automb.media.AudioSource;

/**
 * Derives a book's tags from its source files' tags, falling back on the folder name.
 *
 * <p>Each tag takes the most common non-blank value across the sources (the earliest source's on a tie), so one
 * mistagged file does not rename the book. Audiobook conventions: the author is the artist, the narrator the
 * composer; an artist of {@code Author/Narrator} holds both, and a comment saying {@code Read by X} names the
 * narrator. The narrator never ends up as the author.
 */
public class TagExtractor {

    private static final Pattern CREDIT_SEPARATOR = Pattern.compile("\\s*/\\s*");
    private static final Pattern FOLDER_SEPARATOR = Pattern.compile("\\s+-\\s+");
    /** A folder's leading part that is only a series index ("01 - Title") names no author. */
    private static final Pattern SERIES_INDEX = Pattern.compile("(?:(?i:book|vol\\.?|volume|part)\\s*)?\\d+(?:\\.\\d+)?");
    private static final Pattern YEAR = Pattern.compile("(?<!\\d)(\\d{4})(?!\\d)");
    /** "Read by J. R. Smith." up to the end of the sentence (a period after an initial does not end it) or line. */
    private static final Pattern NARRATOR_PHRASE = Pattern.compile(
            "\\b(?i:read|narrated|performed)\\s+(?i:by)\\s*:?\\s*(.+?)\\s*"
                    + "(?:(?<!\\b\\p{Lu})[.!?;](?=\\s|$)|[\\r\\n]|$)");

    /**
     * The book's tags.
     *
     * @param bookName the book's folder name, used when tags are missing ({@code Author - Title} is understood)
     * @param sources  the book's audio in play order
     */
    public BookTags extract(String bookName, List<AudioSource> sources) {
        FolderName folder = FolderName.parse(bookName);
        Credit artist = Credit.parse(mostCommon(sources, "artist"));
        Credit albumArtistTag = Credit.parse(mostCommon(sources, "album_artist"));
        String comment = firstNonBlank(mostCommon(sources, "comment"), mostCommon(sources, "description"));

        String narrator = firstNonBlank(mostCommon(sources, "composer"), artist.narrator(), albumArtistTag.narrator(),
                narratorInText(comment), narratorInText(mostCommon(sources, "description")));
        String author = firstNotNarrator(narrator, artist.author(), albumArtistTag.author(), folder.author());
        String title = title(sources, folder);
        String albumArtist = firstNotNarrator(narrator, albumArtistTag.author(), author);
        return new BookTags(title, title, author, albumArtist, narrator, year(sources), comment,
                mostCommon(sources, "genre"));
    }

    /** The album names the book; a title shared by every file does too; else the folder says. */
    private static String title(List<AudioSource> sources, FolderName folder) {
        String album = mostCommon(sources, "album");
        if (!album.isEmpty()) {
            return album;
        }
        String firstTitle = sources.isEmpty() ? "" : sources.get(0).tag("title").strip();
        boolean shared = !firstTitle.isEmpty()
                && sources.stream().allMatch(source -> source.tag("title").strip().equals(firstTitle));
        return shared ? firstTitle : folder.title();
    }

    private static String year(List<AudioSource> sources) {
        return Stream.of(mostCommon(sources, "date"), mostCommon(sources, "year"))
                .map(YEAR::matcher)
                .filter(Matcher::find)
                .map(matcher -> matcher.group(1))
                .findFirst()
                .orElse("");
    }

    /** The first "Read by X" / "Narrated by X" / "Performed by X" in a text, or "". */
    static String narratorInText(String text) {
        Matcher matcher = NARRATOR_PHRASE.matcher(text);
        return matcher.find() ? matcher.group(1).strip() : "";
    }

    /** The value most sources agree on, ignoring blanks; the earliest source's value wins a tie. */
    static String mostCommon(List<AudioSource> sources, String key) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (AudioSource source : sources) {
            String value = source.tag(key).strip();
            if (!value.isEmpty()) {
                counts.merge(value, 1, Integer::sum);
            }
        }
        String best = "";
        int bestCount = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            if (entry.getValue() > bestCount) { // strictly greater: earlier values keep ties
                best = entry.getKey();
                bestCount = entry.getValue();
            }
        }
        return best;
    }

    private static String firstNotNarrator(String narrator, String... candidates) {
        return Stream.of(candidates)
                .filter(candidate -> !candidate.isEmpty() && !sameName(candidate, narrator))
                .findFirst()
                .orElse("");
    }

    private static boolean sameName(String a, String b) {
        return a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
    }

    private static String firstNonBlank(String... values) {
        return Stream.of(values).filter(Objects::nonNull).filter(value -> !value.isBlank()).findFirst().orElse("");
    }

    /** An artist tag split into author and narrator: "Author/Narrator", or just "Author". */
    private record Credit(String author, String narrator) {

        static Credit parse(String value) {
            String[] parts = CREDIT_SEPARATOR.split(value, 2);
            return parts.length == 2 && !parts[0].isBlank() && !parts[1].isBlank()
                    ? new Credit(parts[0].strip(), parts[1].strip())
                    : new Credit(value.strip(), "");
        }
    }

    /** What a folder name says: "Author - Title", or just a title. */
    private record FolderName(String author, String title) {

        static FolderName parse(String bookName) {
            String name = bookName == null ? "" : bookName.replace('_', ' ').strip();
            String[] parts = FOLDER_SEPARATOR.split(name, 2);
            if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()) {
                return new FolderName("", name);
            }
            String author = SERIES_INDEX.matcher(parts[0].strip()).matches() ? "" : parts[0].strip();
            return new FolderName(author, parts[1].strip());
        }
    }
}
