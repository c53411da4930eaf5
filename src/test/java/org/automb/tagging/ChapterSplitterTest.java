package org.automb.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.automb.media.LoudnessEnvelope;
import org.automb.plan.Chapter;
import org.junit.jupiter.api.Test;

class ChapterSplitterTest {

    private static final long MIN = 60_000;
    private static final int BLOCK = 100;
    private static final ChapterSplitter SPLIT_15_30 = new ChapterSplitter(ChapterSplitter.Limits.parse("15,30"));

    /** Speech-like level everywhere (-20 dBFS), with the given quiet stretches. */
    private static final class Book {
        final float[] levels;

        Book(long millis) {
            levels = new float[(int) (millis / BLOCK)];
            Arrays.fill(levels, -20f);
        }

        Book quiet(long fromMillis, long toMillis, float level) {
            for (long t = fromMillis; t < toMillis; t += BLOCK) {
                levels[(int) (t / BLOCK)] = level;
            }
            return this;
        }

        LoudnessEnvelope envelope() {
            return new LoudnessEnvelope(BLOCK, 0, levels);
        }
    }

    @Test
    void settingsParse() {
        assertThat(ChapterSplitter.Limits.parse("15,30")).contains(new ChapterSplitter.Limits(15 * MIN, 30 * MIN));
        assertThat(ChapterSplitter.Limits.parse(" 30 ")).as("one number: the maximum, the minimum half of it")
            .contains(new ChapterSplitter.Limits(15 * MIN, 30 * MIN));
        assertThat(ChapterSplitter.Limits.parse("0.5,1")).contains(new ChapterSplitter.Limits(30_000, MIN));
        assertThat(ChapterSplitter.Limits.parse("0")).isEmpty();
        assertThat(ChapterSplitter.Limits.parse("10,0")).isEmpty();
        assertThat(ChapterSplitter.Limits.parse("")).isEmpty();
        for (String wrong : List.of("30,15", "abc", "1,2,3", "-5", "15,", "NaN", "0,30")) {
            assertThatThrownBy(() -> ChapterSplitter.Limits.parse(wrong)).as(wrong)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAX_CHAPTER_LENGTH");
        }
    }

    @Test
    void aChapterAFrameOrSoOverTheMaximumIsNotSplit() {
        // joined AAC parts of 30 minutes: each chapter 30:00.023 (one priming frame per join)
        List<Chapter> parts = List.of(new Chapter(0, 30 * MIN + 23, "Part 1"), new Chapter(30 * MIN + 23, 60 * MIN + 46, "Part 2"));
        assertThat(SPLIT_15_30.needsSplitting(parts)).isFalse();
        assertThat(SPLIT_15_30.split(parts, new Book(61 * MIN).envelope())).isEqualTo(parts);
        List<Chapter> over = List.of(new Chapter(0, 30 * MIN + ChapterSplitter.SLACK_MILLIS + 1, "Over"));
        assertThat(SPLIT_15_30.needsSplitting(over)).isTrue();
    }

    @Test
    void offLeavesChaptersAsTheyAre() {
        List<Chapter> chapters = List.of(new Chapter(0, 300 * MIN, "Long"));
        ChapterSplitter off = new ChapterSplitter(Optional.empty());
        assertThat(off.needsSplitting(chapters)).isFalse();
        assertThat(off.split(chapters, new Book(300 * MIN).envelope())).isEqualTo(chapters);
    }

    @Test
    void aChapterWithinTheMaximumIsKeptAndOneJustOverIsSplitAtItsPause() {
        Book book = new Book(61 * MIN).quiet(20 * MIN, 20 * MIN + 2000, -80f);
        List<Chapter> chapters = List.of(new Chapter(0, 30 * MIN, "One"), new Chapter(30 * MIN, 61 * MIN, "Two"));
        // chapter two has no pause where both pieces keep 15 min: the whole window is searched
        book.quiet(50 * MIN, 50 * MIN + 3000, -90f);

        List<Chapter> split = SPLIT_15_30.split(chapters, book.envelope());

        assertThat(split).containsExactly(new Chapter(0, 30 * MIN, "One"),
            new Chapter(30 * MIN, 50 * MIN + 1500, "Two"), new Chapter(50 * MIN + 1500, 61 * MIN, "Two (2)"));
    }

    @Test
    void theQuietestSustainedPauseWinsOverAShortDeepGapAndALongQuieterPassage() {
        Book book = new Book(40 * MIN)
            .quiet(17 * MIN, 17 * MIN + 200, -120f)  // a deep but short gap: no pause
            .quiet(19 * MIN, 19 * MIN + 4000, -40f)  // long, but only 20 dB down
            .quiet(24 * MIN, 24 * MIN + 1200, -75f); // the real pause
        List<Chapter> split = SPLIT_15_30.split(List.of(new Chapter(0, 40 * MIN, "Book")), book.envelope());
        assertThat(split).extracting(Chapter::endMillis).first().isEqualTo(24 * MIN + 600);
    }

    @Test
    void amongEquallyQuietPausesTheLongestWins() {
        Book book = new Book(40 * MIN)
            .quiet(16 * MIN, 16 * MIN + 1000, -90f)
            .quiet(21 * MIN, 21 * MIN + 3000, -88f) // within the tolerance of the quietest, and longer
            .quiet(23 * MIN, 23 * MIN + 2000, -90f);
        List<Chapter> split = SPLIT_15_30.split(List.of(new Chapter(0, 40 * MIN, "Book")), book.envelope());
        assertThat(split.get(0).endMillis()).isEqualTo(21 * MIN + 1500);
    }

    @Test
    void pausesOutsideTheWindowAreNotUsed() {
        // before start+min, and after start+max
        Book book = new Book(40 * MIN).quiet(10 * MIN, 10 * MIN + 3000, -90f).quiet(31 * MIN, 31 * MIN + 3000, -90f)
            .quiet(18 * MIN, 18 * MIN + 600, -70f);
        List<Chapter> split = SPLIT_15_30.split(List.of(new Chapter(0, 40 * MIN, "Book")), book.envelope());
        assertThat(split).extracting(Chapter::endMillis).first().isEqualTo(18 * MIN + 300);
    }

    @Test
    void aLongChapterIsSplitRepeatedlyUntilEveryPieceIsWithinTheMaximum() {
        Book book = new Book(100 * MIN);
        long[] pauses = {22 * MIN, 47 * MIN, 70 * MIN, 95 * MIN};
        for (long pause : pauses) {
            book.quiet(pause, pause + 2000, -90f);
        }
        List<Chapter> split = SPLIT_15_30.split(List.of(new Chapter(0, 100 * MIN, "Part")), book.envelope());
        assertThat(split).extracting(Chapter::title).containsExactly("Part", "Part (2)", "Part (3)", "Part (4)");
        assertThat(split).extracting(Chapter::endMillis)
            .containsExactly(22 * MIN + 1000, 47 * MIN + 1000, 70 * MIN + 1000, 100 * MIN);
        assertThat(split).allSatisfy(c -> assertThat(c.endMillis() - c.startMillis()).isLessThanOrEqualTo(30 * MIN));
        assertThat(split.get(0).startMillis()).isZero();
        for (int i = 1; i < split.size(); i++) {
            assertThat(split.get(i).startMillis()).isEqualTo(split.get(i - 1).endMillis());
        }
    }

    @Test
    void withoutAnyPauseTheSplitLandsAtTheMaximum() {
        List<Chapter> split = SPLIT_15_30.split(List.of(new Chapter(5000, 5000 + 70 * MIN, "Flat")), new Book(80 * MIN).envelope());
        assertThat(split).extracting(Chapter::startMillis).containsExactly(5000L, 5000 + 30 * MIN, 5000 + 55 * MIN);
        assertThat(split).allSatisfy(c -> assertThat(c.endMillis() - c.startMillis()).isLessThanOrEqualTo(30 * MIN));
    }

    @Test
    void anUnmeasuredWindowSplitsAtTheMaximumToo() {
        List<Chapter> split = SPLIT_15_30.split(List.of(new Chapter(0, 45 * MIN, "X")), LoudnessEnvelope.none());
        assertThat(split).extracting(Chapter::endMillis).containsExactly(30 * MIN, 45 * MIN);
    }

    @Test
    void aChapterShorterThanTwoMinimumsIsSplitWhereBothPiecesStayWithinTheMaximum() {
        ChapterSplitter split20to30 = new ChapterSplitter(ChapterSplitter.Limits.parse("20,30"));
        Book book = new Book(35 * MIN).quiet(3 * MIN, 3 * MIN + 4000, -90f).quiet(8 * MIN, 8 * MIN + 2000, -90f)
            .quiet(12 * MIN, 12 * MIN + 3000, -90f); // the first is too early: its rest would be over 30 min
        List<Chapter> split = split20to30.split(List.of(new Chapter(0, 35 * MIN, "Short")), book.envelope());
        assertThat(split).extracting(Chapter::endMillis).containsExactly(12 * MIN + 1500, 35 * MIN);
    }

    @Test
    void aPauseThatRunsPastTheWindowIsCutInsideTheWindow() {
        Book book = new Book(50 * MIN).quiet(29 * MIN + 40_000, 30 * MIN + 40_000, -90f);
        List<Chapter> split = SPLIT_15_30.split(List.of(new Chapter(0, 50 * MIN, "B")), book.envelope());
        assertThat(split.get(0).endMillis()).as("the wide window's end: no pause before it").isEqualTo(30 * MIN);
    }

    @Test
    void theLoudnessIsAskedForOnlyAroundTheSearchWindows() {
        Book book = new Book(100 * MIN).quiet(22 * MIN, 22 * MIN + 2000, -90f);
        List<long[]> asked = new java.util.ArrayList<>();
        SPLIT_15_30.split(List.of(new Chapter(0, 10 * MIN, "Short"), new Chapter(10 * MIN, 55 * MIN, "Long")), (from, to) -> {
            asked.add(new long[] {from, to});
            return book.envelope();
        });
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0)).containsExactly(25 * MIN, 40 * MIN);
    }
}
