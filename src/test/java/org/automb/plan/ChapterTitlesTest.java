package org.automb.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.plan.SourceFixtures.mp3;
import static org.automb.plan.SourceFixtures.withTags;

import java.util.List;
import java.util.stream.IntStream;
import org.automb.media.AudioSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChapterTitlesTest {

    private final ChapterTitles chapterTitles = new ChapterTitles();

    private static AudioSource titled(String fileName, String title) {
        return withTags(mp3(fileName), "title", title);
    }

    @Test
    void titleTagsAreUsed() {
        List<AudioSource> sources = List.of(titled("01.mp3", "Prolog"), titled("02.mp3", "Kapitel 1: Der „Anfang“"));

        assertThat(chapterTitles.titles(sources, false)).containsExactly("Prolog", "Kapitel 1: Der „Anfang“");
    }

    @Test
    void fileNamesAreUsedWhenAsked() {
        List<AudioSource> sources = List.of(titled("01 - Prolog.mp3", "Track 1"), titled("02 - Ende.mp3", "Track 2"));

        assertThat(chapterTitles.titles(sources, true)).containsExactly("Prolog", "Ende");
    }

    @Test
    void aBlankTagFallsBackToTheFileNameOfThatSourceOnly() {
        List<AudioSource> sources = List.of(titled("01 - Intro.mp3", "Opening"), titled("02 - Middle.mp3", "  "),
                mp3("03 - End.mp3"));

        assertThat(chapterTitles.titles(sources, false)).containsExactly("Opening", "Middle", "End");
    }

    @Test
    void identicalTitleTagsNameTheBookSoFileNamesAreUsed() {
        List<AudioSource> sources = List.of(titled("01 - Intro.mp3", "The Book"), titled("02 - Middle.mp3", "The Book"),
                mp3("03 - End.mp3"));

        assertThat(chapterTitles.titles(sources, false)).containsExactly("Intro", "Middle", "End");
    }

    @Test
    void identicalTagsOnSomeFilesAndBlanksOnOthersStillNameTheBook() {
        List<AudioSource> sources = List.of(titled("01 Intro.mp3", "Book"), mp3("02 Middle.mp3"),
                titled("03 End.mp3", "Book"));

        assertThat(chapterTitles.titles(sources, false)).containsExactly("Intro", "Middle", "End");
    }

    @Test
    void aSingleSourceKeepsItsTitleTag() {
        assertThat(chapterTitles.titles(List.of(titled("book.m4b", "The Book")), false)).containsExactly("The Book");
    }

    @Test
    void threeHundredSourcesGetThreeHundredTitles() {
        List<AudioSource> sources = IntStream.rangeClosed(1, 300)
                .mapToObj(i -> titled(String.format("%03d_Kapitel_%d.mp3", i, i), "Das Buch")).toList();

        List<String> titles = chapterTitles.titles(sources, false);

        assertThat(titles).hasSize(300);
        assertThat(titles.get(0)).isEqualTo("Kapitel 1");
        assertThat(titles.get(299)).isEqualTo("Kapitel 300");
    }

    @Test
    void namesLeftEmptyBecomeNumberedChapters() {
        List<AudioSource> sources = List.of(mp3("01.mp3"), mp3("Track 02.mp3"), mp3("03 - .mp3"));

        assertThat(chapterTitles.titles(sources, false)).containsExactly("Chapter 1", "Chapter 2", "Chapter 3");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "01 - Prolog.mp3|Prolog",
        "01. Prolog.mp3|Prolog",
        "1_Prolog.mp3|Prolog",
        "Track 01 - Prolog.mp3|Prolog",
        "track_07_-_Der_Sturm.flac|Der Sturm",
        "TRACK01 Prolog.m4a|Prolog",
        "01 Prolog.mp3|Prolog",
        "01-02 Prolog.mp3|Prolog",
        "1.01 - Prolog.mp3|Prolog",
        "01 - 1984 Part One.mp3|1984 Part One",
        "Prolog.mp3|Prolog",
        "Chapter 12.mp3|Chapter 12",
        "Ça commence «ici».ogg|Ça commence «ici»",
        "01 - 'Quoted' \"Title\".mp3|'Quoted' \"Title\"",
        "  02   -   Spaces   here  .mp3|Spaces here",
        "Mr. Smith Goes.mp3|Mr. Smith Goes",
        "no extension|no extension",
    })
    void fileNamesAreCleaned(String fileName, String expected) {
        assertThat(chapterTitles.cleanFileName(fileName)).isEqualTo(expected);
    }
}
