package org.automb.plan;

import java.util.ArrayList;
import java.util.List;

/** Turns source start positions into the book's chapters: one per source, or the book's chapters.txt. */
public final class ChapterPlacer {

    private ChapterPlacer() {
    }

    public static List<Chapter> place(ConversionPlan plan, SourcePlacement placement) {
        List<Long> sourceStartsMillis = placement.startsMillis();
        long totalMillis = placement.totalMillis();
        if (plan.chapterMarks().isPresent()) {
            return ChaptersFile.toChapters(plan.chapterMarks().get(), totalMillis);
        }
        List<Chapter> chapters = new ArrayList<>();
        for (int i = 0; i < sourceStartsMillis.size(); i++) {
            long end = i + 1 < sourceStartsMillis.size() ? sourceStartsMillis.get(i + 1) : totalMillis;
            chapters.add(new Chapter(sourceStartsMillis.get(i), end, plan.chapterTitles().get(i)));
        }
        return chapters;
    }
}
