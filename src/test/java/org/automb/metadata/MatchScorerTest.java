package org.automb.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatchScorerTest {

    private static final long MINUTE = 60_000;

    private final MatchScorer scorer = new MatchScorer();

    private static AudibleProduct product(String asin, String title, String subtitle, String author, String narrator,
                                          int minutes) {
        return new AudibleProduct(Region.US, asin, title, subtitle, List.of(author), List.of(narrator), "", "", "",
            "english", minutes, "", "", false, List.of(), List.of(), Map.of());
    }

    private static final AudibleProduct RIGHT = product("B08G9PRS1K", "Project Hail Mary", "A Novel", "Andy Weir",
        "Ray Porter", 970);
    private static final AudibleProduct ABRIDGED = product("B0DECOY001", "Project Hail Mary", "Abridged", "Andy Weir",
        "Someone Else", 185);
    private static final AudibleProduct OTHER_BOOK = product("B00B5HZGUG", "The Martian", "", "Andy Weir",
        "R. C. Bray", 653);

    @Test
    void theRightEditionBeatsADecoyWithTheSameTitleButAFarOffRuntime() {
        SearchTerms book = new SearchTerms("Project Hail Mary", "Andy Weir", "");

        List<ScoredCandidate> scored = scorer.score(book, 970 * MINUTE + 25_000, List.of(ABRIDGED, OTHER_BOOK, RIGHT));

        assertThat(scored).extracting(c -> c.product().asin()).containsExactly("B08G9PRS1K", "B0DECOY001", "B00B5HZGUG");
        assertThat(scored.get(0).score()).isGreaterThan(0.95);
        assertThat(scored.get(0).parts()).isEqualTo(new ScoredCandidate.Parts(1.0, 1.0, 1.0, null));
        assertThat(scored.get(1).score()).as("decoy: right title and author, wrong length")
            .isLessThan(MetadataLookup.DEFAULT_THRESHOLD);
        assertThat(scored.get(1).parts().runtime()).isZero();
        assertThat(scored.get(2).score()).as("another book of the author").isLessThan(0.6);
    }

    @Test
    void aKnownNarratorSeparatesTwoRecordingsOfTheSameLength() {
        SearchTerms book = new SearchTerms("Project Hail Mary", "Andy Weir", "Ray Porter");
        AudibleProduct otherReading = product("B0OTHER001", "Project Hail Mary", "", "Andy Weir", "Jane Doe", 975);

        List<ScoredCandidate> scored = scorer.score(book, 970 * MINUTE, List.of(otherReading, RIGHT));

        assertThat(scored.get(0).product().asin()).isEqualTo("B08G9PRS1K");
        assertThat(scored.get(0).parts().narrator()).isEqualTo(1.0);
        assertThat(scored.get(1).parts().narrator()).isLessThan(0.8);
    }

    @Test
    void anUnrelatedResultScoresWellBelowTheThreshold() {
        SearchTerms book = new SearchTerms("The Quiet Orchard", "Mira Okafor", "");

        ScoredCandidate scored = scorer.score(book, 420 * MINUTE, RIGHT);

        assertThat(scored.score()).isLessThan(0.5);
    }

    @Test
    void titlesAreComparedWithoutCasePunctuationAccentsSubtitlesAndSeriesMarkers() {
        assertThat(scorer.titleSimilarity("les miserables", "Les Misérables", "")).isEqualTo(1.0);
        assertThat(scorer.titleSimilarity("Project Hail Mary (Unabridged)", "Project Hail Mary", "A Novel")).isEqualTo(1.0);
        assertThat(scorer.titleSimilarity("Project Hail Mary: A Novel", "Project Hail Mary", "")).isEqualTo(1.0);
        assertThat(scorer.titleSimilarity("Mistborn, Book 1 - The Final Empire", "The Final Empire", "Mistborn, Book 1"))
            .isGreaterThan(0.95);
        assertThat(scorer.titleSimilarity("The Final Empire", "The Final Empire", "Mistborn, Book 1")).isEqualTo(1.0);
        assertThat(scorer.titleSimilarity("ノルウェイの森（上）", "ノルウェイの森", "")).isEqualTo(1.0);
        assertThat(scorer.titleSimilarity("Der Schwarm", "Der Schwarm", "Roman")).isEqualTo(1.0);
    }

    @Test
    void authorsAreComparedInAnyWordOrderAndAnyOfSeveral() {
        assertThat(scorer.peopleSimilarity("Weir, Andy", List.of("Andy Weir"))).isEqualTo(1.0);
        assertThat(scorer.peopleSimilarity("Terry Pratchett & Neil Gaiman", List.of("Neil Gaiman", "Terry Pratchett")))
            .isEqualTo(1.0);
        assertThat(scorer.peopleSimilarity("Frank Schatzing", List.of("Frank Schätzing"))).isEqualTo(1.0);
        assertThat(scorer.peopleSimilarity("Mira Okafor", List.of("Andy Weir"))).isLessThan(0.7);
    }

    @Test
    void runtimeCountsAsTheSameWithinAFewPercentAndFallsToZeroAtAQuarterOff() {
        assertThat(MatchScorer.runtimeSimilarity(600 * MINUTE, 612)).isEqualTo(1.0);
        assertThat(MatchScorer.runtimeSimilarity(20 * MINUTE, 22)).isEqualTo(1.0);
        assertThat(MatchScorer.runtimeSimilarity(600 * MINUTE, 660)).isCloseTo(0.65, within(0.05));
        assertThat(MatchScorer.runtimeSimilarity(600 * MINUTE, 450)).isZero();
    }

    @Test
    void unknownPartsAreLeftOutRatherThanCountedAsMisses() {
        SearchTerms titleOnly = new SearchTerms("Project Hail Mary", "", "");

        ScoredCandidate scored = scorer.score(titleOnly, 0, RIGHT);

        assertThat(scored.parts()).isEqualTo(new ScoredCandidate.Parts(1.0, null, null, null));
        assertThat(scored.score()).isEqualTo(1.0);
    }
}
