package org.automb.tagging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.automb.metadata.AudnexusChapters;
import org.automb.plan.Chapter;

/**
 * Decides whether a book takes Audible's chapters from Audnexus (setting AUDNEXUS_CHAPTERS). Audnexus's times are
 * Audible's edition's: they fit only a book of the same length, so in {@link Mode#AUTO} titles and times are taken
 * when the book's decoded duration is within {@value #SAME_LENGTH_MILLIS} ms of {@code runtimeLengthMs}; otherwise
 * only the titles, when Audnexus has as many chapters as the book (the book's own chapters, before any split);
 * otherwise the book keeps its own. {@link Mode#TITLES} only ever takes titles; {@link Mode#OFF} nothing.
 *
 * <p>Adopted times are made to cover the book: the first chapter starts at 0 and the last ends at the book's real
 * end (a start past the end is moved inside it). With the splitter: a book that took Audnexus's times is not split
 * (they are Audible's own chapters); otherwise the chapters are split after the titles are taken.
 */
public final class AudnexusChapterRule {

    /** The most the book's duration may differ from Audible's edition for its chapter times to be taken. */
    public static final long SAME_LENGTH_MILLIS = 2000;

    /** AUDNEXUS_CHAPTERS. */
    public enum Mode {
        AUTO, TITLES, OFF;

        /** {@code auto}, {@code titles} or {@code off}, in any case; anything else names the setting. */
        public static Mode parse(String setting) {
            String value = setting == null ? "" : setting.strip().toUpperCase(Locale.ROOT);
            for (Mode mode : values()) {
                if (mode.name().equals(value)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("AUDNEXUS_CHAPTERS must be auto, titles or off; got '" + setting + "'");
        }
    }

    /** What was taken from Audnexus. */
    public enum Adoption { TITLES_AND_TIMES, TITLES, NONE }

    /**
     * The book's chapters after the rule, and why (a short sentence for intake.json).
     *
     * @param chapters the chapters to write
     */
    public record Decision(List<Chapter> chapters, Adoption adoption, String reason) {
        public Decision {
            chapters = List.copyOf(chapters);
        }

        /** Audible's chapter times were taken: the chapters are the edition's own and are not split. */
        public boolean timesAdopted() {
            return adoption == Adoption.TITLES_AND_TIMES;
        }
    }

    private final Mode mode;

    public AudnexusChapterRule(Mode mode) {
        this.mode = mode;
    }

    /**
     * @param own       the book's chapters as placed (before any split)
     * @param bookMillis the book's decoded duration
     * @param audnexus  Audnexus's chapters for the matched ASIN, if any were found
     */
    public Decision apply(List<Chapter> own, long bookMillis, Optional<AudnexusChapters> audnexus) {
        if (mode == Mode.OFF) {
            return keep(own, "AUDNEXUS_CHAPTERS=off");
        }
        if (audnexus.isEmpty() || audnexus.get().chapters().isEmpty()) {
            return keep(own, "Audnexus has no chapters for this book");
        }
        AudnexusChapters theirs = audnexus.get();
        long difference = Math.abs(bookMillis - theirs.runtimeLengthMs());
        if (mode == Mode.AUTO && difference <= SAME_LENGTH_MILLIS) {
            return new Decision(withTimes(theirs.chapters(), bookMillis), Adoption.TITLES_AND_TIMES,
                "Audnexus titles and times: the book's length is Audible's within " + difference + " ms");
        }
        String length = mode == Mode.AUTO ? "the book is " + difference + " ms off Audible's length; " : "";
        if (theirs.chapters().size() == own.size()) {
            return new Decision(withTitles(own, theirs.chapters()), Adoption.TITLES,
                "Audnexus titles only: " + length + "both have " + own.size() + " chapters");
        }
        return keep(own, "the book's own chapters: " + length + "Audnexus has " + theirs.chapters().size()
            + " chapters, the book " + own.size());
    }

    private static Decision keep(List<Chapter> own, String reason) {
        return new Decision(own, Adoption.NONE, reason);
    }

    /** Audnexus's chapters made to cover the book from 0 to its real end, each ending where the next starts. */
    private static List<Chapter> withTimes(List<AudnexusChapters.Entry> entries, long bookMillis) {
        List<Chapter> chapters = new ArrayList<>();
        long previousStart = -1;
        for (int i = 0; i < entries.size(); i++) {
            // the first from 0; every start after the last one and inside the book, so no chapter is empty
            long start = i == 0 ? 0 : Math.min(Math.max(entries.get(i).startOffsetMs(), previousStart + 1), bookMillis - (entries.size() - i));
            chapters.add(new Chapter(start, 0, titleOr(entries.get(i).title(), i)));
            previousStart = start;
        }
        List<Chapter> ended = new ArrayList<>();
        for (int i = 0; i < chapters.size(); i++) {
            long end = i + 1 < chapters.size() ? chapters.get(i + 1).startMillis() : bookMillis;
            ended.add(new Chapter(chapters.get(i).startMillis(), end, chapters.get(i).title()));
        }
        return ended;
    }

    /** The book's own times with Audnexus's titles (a blank title keeps the book's). */
    private static List<Chapter> withTitles(List<Chapter> own, List<AudnexusChapters.Entry> entries) {
        List<Chapter> chapters = new ArrayList<>();
        for (int i = 0; i < own.size(); i++) {
            String title = entries.get(i).title();
            Chapter chapter = own.get(i);
            chapters.add(new Chapter(chapter.startMillis(), chapter.endMillis(),
                title == null || title.isBlank() ? chapter.title() : title.strip()));
        }
        return chapters;
    }

    private static String titleOr(String title, int index) {
        return title == null || title.isBlank() ? "Chapter " + (index + 1) : title.strip();
    }
}
