package org.automb.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.automb.metadata.AudnexusChapters;
import org.automb.plan.Chapter;
import org.junit.jupiter.api.Test;

class AudnexusChapterRuleTest {

    private static final AudnexusChapterRule AUTO = new AudnexusChapterRule(AudnexusChapterRule.Mode.AUTO);
    private static final AudnexusChapterRule TITLES = new AudnexusChapterRule(AudnexusChapterRule.Mode.TITLES);
    private static final AudnexusChapterRule OFF = new AudnexusChapterRule(AudnexusChapterRule.Mode.OFF);

    /** The book's own: three files of 10 min, 20 min and the rest of 3,600,500 ms. */
    private static final List<Chapter> OWN = List.of(new Chapter(0, 600_000, "01"), new Chapter(600_000, 1_800_000, "02"),
        new Chapter(1_800_000, 3_600_500, "03"));

    private static Optional<AudnexusChapters> audnexus(long runtime, AudnexusChapters.Entry... entries) {
        return Optional.of(new AudnexusChapters("B0TESTASIN", List.of(entries), true, runtime));
    }

    private static final AudnexusChapters.Entry[] FOUR = {
        new AudnexusChapters.Entry("Opening Credits", 0, 20_000),
        new AudnexusChapters.Entry("Chapter 1", 20_000, 900_000),
        new AudnexusChapters.Entry("Chapter 2", 920_000, 1_500_000),
        new AudnexusChapters.Entry("End Credits", 2_420_000, 1_181_900)};

    @Test
    void aBookWithinTwoSecondsOfAudiblesLengthTakesTitlesAndTimesEndingAtItsRealEnd() {
        AudnexusChapterRule.Decision decision = AUTO.apply(OWN, 3_600_500, audnexus(3_601_900, FOUR));

        assertThat(decision.adoption()).isEqualTo(AudnexusChapterRule.Adoption.TITLES_AND_TIMES);
        assertThat(decision.timesAdopted()).isTrue();
        assertThat(decision.chapters()).containsExactly(new Chapter(0, 20_000, "Opening Credits"),
            new Chapter(20_000, 920_000, "Chapter 1"), new Chapter(920_000, 2_420_000, "Chapter 2"),
            new Chapter(2_420_000, 3_600_500, "End Credits"));
        assertThat(decision.reason()).contains("titles and times").contains("1400 ms");
    }

    @Test
    void justOverTwoSecondsOffTheTimesAreNotTaken() {
        AudnexusChapterRule.Decision decision = AUTO.apply(OWN, 3_600_500, audnexus(3_602_501, FOUR));
        assertThat(decision.adoption()).isEqualTo(AudnexusChapterRule.Adoption.NONE);
        assertThat(decision.chapters()).isEqualTo(OWN);
        assertThat(decision.reason()).contains("Audnexus has 4 chapters, the book 3");
    }

    @Test
    void anEqualChapterCountTakesTheTitlesOnTheBooksOwnTimesNonAsciiKept() {
        AudnexusChapterRule.Decision decision = AUTO.apply(OWN, 3_600_500, audnexus(7_000_000,
            new AudnexusChapters.Entry("Prolog – Ärger im Café", 0, 1),
            new AudnexusChapters.Entry("第一章 ", 1, 1),
            new AudnexusChapters.Entry(" ", 2, 1)));

        assertThat(decision.adoption()).isEqualTo(AudnexusChapterRule.Adoption.TITLES);
        assertThat(decision.timesAdopted()).isFalse();
        assertThat(decision.chapters()).containsExactly(new Chapter(0, 600_000, "Prolog – Ärger im Café"),
            new Chapter(600_000, 1_800_000, "第一章"), new Chapter(1_800_000, 3_600_500, "03"));
        assertThat(decision.reason()).contains("titles only").contains("3 chapters");
    }

    @Test
    void titlesModeNeverTakesTimes() {
        AudnexusChapterRule.Decision sameLength = TITLES.apply(OWN, 3_600_500, audnexus(3_600_500, FOUR));
        assertThat(sameLength.adoption()).isEqualTo(AudnexusChapterRule.Adoption.NONE);
        assertThat(sameLength.chapters()).isEqualTo(OWN);

        AudnexusChapterRule.Decision sameCount = TITLES.apply(OWN, 3_600_500, audnexus(3_600_500, FOUR[0], FOUR[1], FOUR[2]));
        assertThat(sameCount.adoption()).isEqualTo(AudnexusChapterRule.Adoption.TITLES);
        assertThat(sameCount.chapters()).extracting(Chapter::title).containsExactly("Opening Credits", "Chapter 1", "Chapter 2");
        assertThat(sameCount.chapters()).extracting(Chapter::startMillis).containsExactly(0L, 600_000L, 1_800_000L);
    }

    @Test
    void offAndMissingChaptersKeepTheBooksOwn() {
        assertThat(OFF.apply(OWN, 3_600_500, audnexus(3_600_500, FOUR)).chapters()).isEqualTo(OWN);
        assertThat(OFF.apply(OWN, 3_600_500, audnexus(3_600_500, FOUR)).reason()).contains("off");
        assertThat(AUTO.apply(OWN, 3_600_500, Optional.empty()).adoption()).isEqualTo(AudnexusChapterRule.Adoption.NONE);
        assertThat(AUTO.apply(OWN, 3_600_500, audnexus(3_600_500)).chapters()).isEqualTo(OWN);
    }

    @Test
    void adoptedTimesCoverTheBookFromZeroAndStayInsideIt() {
        AudnexusChapterRule.Decision decision = AUTO.apply(OWN, 100_000, audnexus(101_000,
            new AudnexusChapters.Entry("A", 500, 40_000),
            new AudnexusChapters.Entry("", 40_500, 40_000),
            new AudnexusChapters.Entry("C", 100_400, 600)));

        assertThat(decision.chapters()).containsExactly(new Chapter(0, 40_500, "A"), new Chapter(40_500, 99_999, "Chapter 2"),
            new Chapter(99_999, 100_000, "C"));
    }

    @Test
    void modesParse() {
        assertThat(AudnexusChapterRule.Mode.parse(" Titles ")).isEqualTo(AudnexusChapterRule.Mode.TITLES);
        assertThat(AudnexusChapterRule.Mode.parse("auto")).isEqualTo(AudnexusChapterRule.Mode.AUTO);
        assertThatThrownBy(() -> AudnexusChapterRule.Mode.parse("yes")).hasMessageContaining("AUDNEXUS_CHAPTERS");
    }
}
