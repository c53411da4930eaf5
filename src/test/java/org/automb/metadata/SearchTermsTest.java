package org.automb.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchTermsTest {

    @Test
    void anAuthorDashTitleFolderNameGivesBoth() {
        assertThat(SearchTerms.derive("Andy Weir - Project Hail Mary", Map.of()))
            .isEqualTo(new SearchTerms("Project Hail Mary", "Andy Weir", ""));
    }

    @Test
    void asinMarkersYearsUnabridgedAndDiscNumbersAreTakenOut() {
        assertThat(SearchTerms.clean("Project Hail Mary (2021) [B08G9PRS1K] (Unabridged)")).isEqualTo("Project Hail Mary");
        assertThat(SearchTerms.clean("Project Hail Mary {ASIN.B08G9PRS1K} - Disc 2")).isEqualTo("Project Hail Mary");
        assertThat(SearchTerms.clean("Der_Schwarm_CD1")).isEqualTo("Der Schwarm");
        assertThat(SearchTerms.clean("Der Schwarm CD 1")).isEqualTo("Der Schwarm");
        assertThat(SearchTerms.clean("Dune [1965] Part 2")).isEqualTo("Dune");
        assertThat(SearchTerms.clean("1984")).as("a year that is the title stays").isEqualTo("1984");
    }

    @Test
    void tagsComeBeforeTheFolderName() {
        SearchTerms terms = SearchTerms.derive("Weir - PHM [B08G9PRS1K]",
            Map.of("ALBUM", "Project Hail Mary (Unabridged)", "Album_Artist", "Andy Weir", "composer", "Ray Porter",
                "title", "Chapter 01"));

        assertThat(terms).isEqualTo(new SearchTerms("Project Hail Mary", "Andy Weir", "Ray Porter"));
    }

    @Test
    void anArtistWrittenAuthorSlashNarratorGivesTheNarrator() {
        SearchTerms terms = SearchTerms.derive("Project Hail Mary", Map.of("artist", "Andy Weir/Ray Porter"));

        assertThat(terms).isEqualTo(new SearchTerms("Project Hail Mary", "Andy Weir", "Ray Porter"));
    }

    @Test
    void aTrackTitleThatIsOnlyAPartNumberFallsBackToTheFolder() {
        assertThat(SearchTerms.derive("Frank Schätzing - Der Schwarm", Map.of("title", "Part 3")).title())
            .isEqualTo("Der Schwarm");
    }

    @Test
    void aDecomposedFolderNameIsSearchedComposed() {
        SearchTerms terms = SearchTerms.derive("Frank Scha\u0308tzing - Der Schwarm", Map.of());

        assertThat(terms.author()).isEqualTo("Frank Sch\u00e4tzing");
    }

    @Test
    void theCacheKeyIgnoresCaseSpacingAndUnicodeForm() {
        SearchTerms composed = new SearchTerms("Les Mis\u00e9rables", "Victor  Hugo", "");
        SearchTerms decomposed = new SearchTerms("les mise\u0301rables", "victor hugo", "x");

        assertThat(composed.cacheKey()).isEqualTo(decomposed.cacheKey());
    }
}
