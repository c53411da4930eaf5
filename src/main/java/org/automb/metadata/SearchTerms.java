package org.automb.metadata;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What to search the catalog for when no ASIN is known, and what to score the results against: the book's title, its
 * author and (when a source says) its narrator. Each may be empty.
 */
public record SearchTerms(String title, String author, String narrator) {

    private static final Pattern ASIN_MARKERS = Pattern.compile(
        "\\[(B[\\dA-Z]{9}|\\d{9}[X\\d])]|\\{ASIN\\.[^}]*}", Pattern.CASE_INSENSITIVE);
    private static final Pattern BRACKETED_YEAR = Pattern.compile("[(\\[{]\\s*(1[5-9]|20)\\d{2}\\s*[)\\]}]");
    private static final Pattern UNABRIDGED = Pattern.compile("[(\\[]?\\s*\\bunabridged\\b\\s*[)\\]]?",
        Pattern.CASE_INSENSITIVE);
    // auto-m4b's multi-disc and multi-part patterns
    private static final Pattern DISC_OR_PART = Pattern.compile(
        "[(\\[]?\\s*\\b(?:dis[ck]|cd|pa?r?t|ch(?:\\.|apter))\\s*#?\\s*\\d+\\b\\s*[)\\]]?", Pattern.CASE_INSENSITIVE);
    private static final Pattern EMPTY_BRACKETS = Pattern.compile("\\(\\s*\\)|\\[\\s*]|\\{\\s*}");
    private static final Pattern AUTHOR_TITLE = Pattern.compile("^(.+?)\\s+[-\u2013\u2014]\\s+(.+)$");
    private static final Pattern NARRATOR_IN_ARTIST = Pattern.compile("^(.+?)\\s*/\\s*(.+)$");

    /** Each term stripped and in NFC, the form the catalog stores (macOS file names arrive decomposed). */
    public SearchTerms {
        title = nfc(title);
        author = nfc(author);
        narrator = nfc(narrator);
    }

    private static String nfc(String value) {
        return value == null ? "" : Normalizer.normalize(value, Normalizer.Form.NFC).strip();
    }

    /**
     * Guesses the terms from the book folder's name and its sources' tags (keys in any case): title from the
     * {@code album} tag, else {@code title}, else the folder; author from {@code album_artist}, else {@code artist},
     * else an {@code Author - Title} folder name; narrator from {@code composer}, else an {@code artist} written
     * {@code Author/Narrator}. ASIN markers, bracketed years, "Unabridged" and disc or part numbers are taken out.
     */
    public static SearchTerms derive(String folderName, Map<String, String> tags) {
        String folder = clean(folderName == null ? "" : folderName);
        String folderAuthor = "";
        String folderTitle = folder;
        var authorTitle = AUTHOR_TITLE.matcher(folder);
        if (authorTitle.matches()) {
            folderAuthor = authorTitle.group(1);
            folderTitle = authorTitle.group(2);
        }
        String artist = tag(tags, "artist");
        String narrator = tag(tags, "composer");
        var split = NARRATOR_IN_ARTIST.matcher(artist);
        if (split.matches()) {
            artist = split.group(1);
            narrator = narrator.isEmpty() ? split.group(2) : narrator;
        }
        String title = firstNonBlank(clean(tag(tags, "album")), clean(tag(tags, "title")), folderTitle);
        String author = firstNonBlank(tag(tags, "album_artist"), tag(tags, "albumartist"), artist, folderAuthor);
        return new SearchTerms(title, clean(author), clean(narrator));
    }

    /** Takes ASIN markers, bracketed years, "Unabridged" and disc or part numbers out of a name. */
    public static String clean(String name) {
        String cleaned = name.replace('_', ' ');
        for (Pattern noise : new Pattern[] {ASIN_MARKERS, BRACKETED_YEAR, UNABRIDGED, DISC_OR_PART, EMPTY_BRACKETS}) {
            cleaned = noise.matcher(cleaned).replaceAll(" ");
        }
        cleaned = cleaned.replaceAll("\\s+", " ").strip();
        // separators left dangling at the ends by what was taken out: "Title -", ", Title"
        return cleaned.replaceAll("^[\\s\\-\u2013\u2014,.;:]+|[\\s\\-\u2013\u2014,;:]+$", "");
    }

    /** The same terms always give the same key, whatever their case, spacing or Unicode form: the search cache key. */
    public String cacheKey() {
        return "title=" + keyPart(title) + "&author=" + keyPart(author);
    }

    private static String keyPart(String value) {
        return Normalizer.normalize(value, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    private static String tag(Map<String, String> tags, String name) {
        return tags.entrySet().stream()
            .filter(tag -> tag.getKey() != null && tag.getKey().trim().equalsIgnoreCase(name) && tag.getValue() != null)
            .map(tag -> tag.getValue().strip()).filter(value -> !value.isEmpty())
            .findFirst().orElse("");
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }
}
