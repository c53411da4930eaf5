package org.automb.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.automb.plan.ChaptersFile.ChapterMark;
import org.junit.jupiter.api.Test;

class ChaptersFileTest {

    private final ChaptersFile chaptersFile = new ChaptersFile();

    @Test
    void parsesAllTimeFormats() {
        String text = """
                00:00:00.000 Prolog
                0:01:30 Kapitel 1
                02:45.250 Kapitel 2
                1:00:00.5 Kapitel 3
                10:00:00.123456 Kapitel 4
                """;

        assertThat(chaptersFile.parse(text)).containsExactly(
                new ChapterMark(0, "Prolog"),
                new ChapterMark(90_000, "Kapitel 1"),
                new ChapterMark(165_250, "Kapitel 2"),
                new ChapterMark(3_600_500, "Kapitel 3"),
                new ChapterMark(36_000_123, "Kapitel 4"));
    }

    @Test
    void skipsBlankAndCommentLinesAndHandlesCrLfAndBom() {
        String text = "\uFEFF# chapters for \"Das Buch\"\r\n\r\n  00:00 Intro  \r\n   # 00:30 not a chapter\r\n01:00 Outro\r\n";

        assertThat(chaptersFile.parse(text)).containsExactly(new ChapterMark(0, "Intro"), new ChapterMark(60_000, "Outro"));
    }

    @Test
    void keepsTitlesVerbatimIncludingHashesAndNonAscii() {
        String text = "0:00 Kapitel #1 — „Anfang“ = 'Start'; 日本語\n";

        assertThat(chaptersFile.parse(text)).containsExactly(new ChapterMark(0, "Kapitel #1 — „Anfang“ = 'Start'; 日本語"));
    }

    @Test
    void toleratesADashBetweenTimeAndTitle() {
        assertThat(chaptersFile.parse("0:00 - Intro\n1:00 – Part - Two")).containsExactly(
                new ChapterMark(0, "Intro"), new ChapterMark(60_000, "Part - Two"));
    }

    @Test
    void aMissingTitleBecomesANumberedChapter() {
        assertThat(chaptersFile.parse("0:00\n# comment\n1:00   \n2:00 Named")).containsExactly(
                new ChapterMark(0, "Chapter 1"), new ChapterMark(60_000, "Chapter 2"), new ChapterMark(120_000, "Named"));
    }

    @Test
    void aFirstChapterAfterZeroIsKept() {
        assertThat(chaptersFile.parse("00:05 Late start")).containsExactly(new ChapterMark(5_000, "Late start"));
    }

    @Test
    void emptyTextHasNoMarks() {
        assertThat(chaptersFile.parse("")).isEmpty();
        assertThat(chaptersFile.parse("# only a comment\n\n")).isEmpty();
    }

    @Test
    void invalidLinesAreReportedWithNumberAndContent() {
        assertThatThrownBy(() -> chaptersFile.parse("00:00 Intro\n\nabc Chapter\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("'abc Chapter'");
        assertThatThrownBy(() -> chaptersFile.parse("00:00Intro"))
                .hasMessageContaining("line 1").hasMessageContaining("00:00Intro");
        assertThatThrownBy(() -> chaptersFile.parse("5 Intro")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> chaptersFile.parse("1:2:3 Intro")).hasMessageContaining("line 1");
    }

    @Test
    void outOfRangeMinutesOrSecondsAreRejected() {
        assertThatThrownBy(() -> chaptersFile.parse("00:00:60 Intro")).hasMessageContaining("below 60");
        assertThatThrownBy(() -> chaptersFile.parse("01:60:00 Intro")).hasMessageContaining("below 60");
    }

    @Test
    void minutesWithoutHoursMayExceedAnHour() {
        assertThat(chaptersFile.parse("75:30 Late")).containsExactly(new ChapterMark(4_530_000, "Late"));
    }

    @Test
    void startsMustIncrease() {
        assertThatThrownBy(() -> chaptersFile.parse("00:00 A\n01:00 B\n00:30 C"))
                .hasMessageContaining("line 3").hasMessageContaining("00:30 C");
        assertThatThrownBy(() -> chaptersFile.parse("00:00 A\n00:00.000 B")).hasMessageContaining("line 2");
    }

    @Test
    void chaptersEndWhereTheNextStartsAndTheLastAtTheEnd() {
        List<ChapterMark> marks = List.of(new ChapterMark(0, "A"), new ChapterMark(60_000, "B"),
                new ChapterMark(120_000, "C"));

        assertThat(ChaptersFile.toChapters(marks, 200_000)).containsExactly(
                new Chapter(0, 60_000, "A"), new Chapter(60_000, 120_000, "B"), new Chapter(120_000, 200_000, "C"));
    }

    @Test
    void marksAtOrBeyondTheEndAreDropped() {
        List<ChapterMark> marks = List.of(new ChapterMark(0, "A"), new ChapterMark(60_000, "B"),
                new ChapterMark(100_000, "C"), new ChapterMark(150_000, "D"));

        assertThat(ChaptersFile.toChapters(marks, 100_000)).containsExactly(
                new Chapter(0, 60_000, "A"), new Chapter(60_000, 100_000, "B"));
    }

    @Test
    void noMarksNoChapters() {
        assertThat(ChaptersFile.toChapters(List.of(), 1000)).isEmpty();
    }

    @Test
    void threeHundredChaptersRoundTrip() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            text.append(String.format("%d:%02d:%02d.000 Kapitel %d%n", i / 60, i % 60, 0, i + 1));
        }

        List<Chapter> chapters = ChaptersFile.toChapters(chaptersFile.parse(text.toString()), 300L * 60_000);

        assertThat(chapters).hasSize(300);
        List<Long> lengths = new ArrayList<>();
        chapters.forEach(chapter -> lengths.add(chapter.endMillis() - chapter.startMillis()));
        assertThat(lengths).containsOnly(60_000L);
        assertThat(chapters.get(299)).isEqualTo(new Chapter(299L * 60_000, 300L * 60_000, "Kapitel 300"));
    }
}
