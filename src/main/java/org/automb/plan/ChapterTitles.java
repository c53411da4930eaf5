package org.automb.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.automb.media.AudioSource;

/**
 * Names one chapter per source file: its title tag, or a cleaned-up file name when the tags are missing or
 * useless (every file tagged with the same title, typically the book's).
 */
public class ChapterTitles {

    /** A leading track number with its separator: "01 - ", "01. ", "1_", "Track 01 - ", "02-03 " (disc-track). */
    private static final Pattern LEADING_TRACK_NUMBER = Pattern.compile(
            "^(?:track\\s*)?\\d{1,4}(?:[-.]\\d{1,3})?(?:\\s*[-.:)\\]]+\\s*|\\s+|$)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern EXTENSION = Pattern.compile("\\.[A-Za-z0-9]{1,5}$");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /**
     * One title per source, in the same order.
     *
     * @param useFileNames true to ignore title tags (configuration or user choice)
     */
    public List<String> titles(List<AudioSource> sources, boolean useFileNames) {
        boolean tagsUsable = !useFileNames && !allTitlesIdentical(sources);
        List<String> titles = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            String tag = sources.get(i).tag("title").strip();
            titles.add(tagsUsable && !tag.isEmpty() ? tag : titleFromFileName(sources.get(i), i + 1));
        }
        return titles;
    }

    /** The cleaned file name of a source, or "Chapter N" when nothing is left of it. */
    String titleFromFileName(AudioSource source, int chapterNumber) {
        String cleaned = cleanFileName(source.file().getFileName().toString());
        return cleaned.isEmpty() ? "Chapter " + chapterNumber : cleaned;
    }

    /** "Track_01_-_The Beginning.mp3" → "The Beginning". */
    String cleanFileName(String fileName) {
        String name = EXTENSION.matcher(fileName).replaceFirst("").replace('_', ' ');
        name = WHITESPACE.matcher(name).replaceAll(" ").strip();
        return LEADING_TRACK_NUMBER.matcher(name).replaceFirst("").strip();
    }

    /** Several files sharing one title tag means the tag names the book, not the chapter. */
    private static boolean allTitlesIdentical(List<AudioSource> sources) {
        List<String> titles = sources.stream().map(source -> source.tag("title").strip())
                .filter(title -> !title.isEmpty())
                .toList();
        return titles.size() >= 2 && titles.stream().distinct().count() == 1;
    }
}
