package org.automb.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The human side of a book's events: names split into people, durations, sizes and times as a person reads them, and
 * the message's lines. Pure functions, so each is tested alone.
 */
final class EventText {

    /** Separators that always part two people: {@code ;}, {@code &}, {@code /}, {@code and}. */
    private static final Pattern ALWAYS = Pattern.compile("\\s*(?:;|&|/|\\band\\b)\\s*", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private EventText() {
    }

    /**
     * The people a tag names: {@code "Ann Leckie & Bob Smith"}, {@code "A; B"}, {@code "A and B"}, {@code "A, B"} are
     * two; {@code "Tolkien, J.R.R."} is one (a comma parts people only when each piece is a full name, with a space).
     */
    static List<String> people(String tag) {
        List<String> people = new ArrayList<>();
        if (tag == null || tag.isBlank()) {
            return people;
        }
        for (String piece : ALWAYS.split(tag.strip())) {
            String[] byComma = piece.split("\\s*,\\s*");
            boolean fullNames = byComma.length > 1;
            for (String name : byComma) {
                fullNames &= name.strip().contains(" ");
            }
            for (String name : fullNames ? byComma : new String[] {piece}) {
                if (!name.isBlank() && !people.contains(name.strip())) {
                    people.add(name.strip());
                }
            }
        }
        return people;
    }

    /** {@code 5 h 03 min}, {@code 12 min 04 s}, {@code 9 s}. */
    static String duration(Duration took) {
        long seconds = Math.max(0, Math.round(took.toMillis() / 1000.0));
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds / 60) % 60);
        }
        if (seconds >= 60) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return seconds + " s";
    }

    /** {@code 312.4 MB}, {@code 1.2 GB}, {@code 800 KB}, {@code 12 bytes} (1 MB = 1,000,000 bytes, as file managers show). */
    static String size(long bytes) {
        if (bytes >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        if (bytes >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        if (bytes >= 1_000L) {
            return String.format(Locale.ROOT, "%d KB", bytes / 1_000);
        }
        return bytes + " bytes";
    }

    /** A moment in the service's time zone: {@code 2026-12-05 21:03:04}. */
    static String time(Instant at, ZoneId zone) {
        return TIME.format(at.atZone(zone));
    }

    /** The first line of a text (a failure's headline without ffmpeg's lines below it). */
    static String firstLine(String text) {
        return text == null ? "" : text.strip().lines().findFirst().orElse("");
    }

    /** {@code "By A, B"}-style line, or nothing when there is nobody. */
    static void addPeople(List<String> lines, String label, List<String> people) {
        if (!people.isEmpty()) {
            lines.add(label + " " + String.join(", ", people));
        }
    }

    /** The lines about the book itself: who wrote and read it, how long, how big, how long it took. */
    static List<String> bookLines(NotifyEvent.BookInfo book, NotifyEvent.BookFile file, Duration took) {
        List<String> lines = new ArrayList<>();
        if (book != null) {
            addPeople(lines, "By", book.authors());
            addPeople(lines, "Read by", book.narrators());
            if (book.durationSeconds() != null) {
                lines.add("Duration: " + duration(Duration.ofMillis(Math.round(book.durationSeconds() * 1000))));
            }
        }
        if (file != null) {
            lines.add("Size: " + size(file.sizeBytes()));
        }
        if (took != null) {
            lines.add("Took: " + duration(took));
        }
        return lines;
    }
}
