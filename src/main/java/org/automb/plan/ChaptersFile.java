package org.automb.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a user's {@code chapters.txt}, which overrides the one-chapter-per-file default.
 *
 * <p>One chapter per line: a start time then the title, e.g. {@code 01:02:03.500 The Storm}. Times may be
 * {@code H:MM:SS}, {@code HH:MM:SS.mmm}, {@code MM:SS} or {@code MM:SS.mmm}; blank lines and lines starting
 * with {@code #} are ignored. A dash between time and title ({@code 0:00 - Intro}) is tolerated because
 * chapter lists copied from the web often have one.
 */
public class ChaptersFile {

    /** One line of the file: where a chapter starts, and its title. */
    public record ChapterMark(long startMillis, String title) {
    }

    private static final Pattern LINE = Pattern.compile(
            "^(?:(\\d{1,4}):)?(\\d{1,5}):(\\d{2})(?:[.,](\\d{1,9}))?(?:\\s+(?:[-\u2013\u2014]\\s+)?(.*))?$");

    /**
     * Parses the text of a chapters file.
     *
     * @throws IllegalArgumentException naming the line number and content of the first invalid line, or of a
     *                                  start that is not after the previous one
     */
    public List<ChapterMark> parse(String text) {
        List<ChapterMark> marks = new ArrayList<>();
        String[] lines = text.replace("\uFEFF", "").split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            ChapterMark mark = parseLine(line, i + 1, marks.size() + 1);
            if (!marks.isEmpty() && mark.startMillis() <= marks.get(marks.size() - 1).startMillis()) {
                throw invalid(i + 1, line, "starts no later than the chapter before it");
            }
            marks.add(mark);
        }
        return marks;
    }

    /**
     * Turns marks into chapters of a book lasting {@code totalMillis}: each chapter ends where the next starts,
     * the last at the end of the book. Marks at or beyond the end are dropped.
     */
    public static List<Chapter> toChapters(List<ChapterMark> marks, long totalMillis) {
        List<ChapterMark> inside = marks.stream().filter(mark -> mark.startMillis() < totalMillis).toList();
        List<Chapter> chapters = new ArrayList<>(inside.size());
        for (int i = 0; i < inside.size(); i++) {
            long end = i + 1 < inside.size() ? inside.get(i + 1).startMillis() : totalMillis;
            chapters.add(new Chapter(inside.get(i).startMillis(), end, inside.get(i).title()));
        }
        return chapters;
    }

    private static ChapterMark parseLine(String line, int lineNumber, int chapterNumber) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw invalid(lineNumber, line, "expected a start time and a title, like '01:02:03.500 Title'");
        }
        boolean hasHours = m.group(1) != null;
        long hours = hasHours ? Long.parseLong(m.group(1)) : 0;
        long minutes = Long.parseLong(m.group(2));
        long seconds = Long.parseLong(m.group(3));
        if (seconds >= 60 || (hasHours && minutes >= 60)) {
            throw invalid(lineNumber, line, "minutes and seconds must be below 60");
        }
        long millis = ((hours * 60 + minutes) * 60 + seconds) * 1000 + fractionMillis(m.group(4));
        String title = m.group(5) == null ? "" : m.group(5).strip();
        return new ChapterMark(millis, title.isEmpty() ? "Chapter " + chapterNumber : title);
    }

    /** ".5" is half a second, ".123456" is 123 ms: the digits are a decimal fraction. */
    private static long fractionMillis(String digits) {
        if (digits == null) {
            return 0;
        }
        String padded = (digits + "000").substring(0, 3);
        return Long.parseLong(padded);
    }

    private static IllegalArgumentException invalid(int lineNumber, String line, String problem) {
        return new IllegalArgumentException("chapters.txt line " + lineNumber + " '" + line + "': " + problem);
    }
}
