package org.automb.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.plan.SourceFixtures.mp3;
import static org.automb.plan.SourceFixtures.withTags;

import java.util.ArrayList;
import java.util.List;
import org.automb.media.AudioSource;
import org.junit.jupiter.api.Test;

class TagExtractorTest {

    private final TagExtractor extractor = new TagExtractor();

    private static AudioSource tagged(String fileName, String... keyValues) {
        return withTags(mp3(fileName), keyValues);
    }

    private BookTags extract(String bookName, AudioSource... sources) {
        return extractor.extract(bookName, List.of(sources));
    }

    @Test
    void aFullyTaggedBook() {
        AudioSource source = tagged("01.mp3", "album", "Der Schwarm", "title", "Prolog", "artist", "Frank Schätzing",
                "album_artist", "Frank Schätzing", "composer", "Andreas Fröhlich", "date", "2004-03-01",
                "comment", "Ungekürzte Lesung", "genre", "Hörbuch");

        assertThat(extract("whatever", source)).isEqualTo(new BookTags("Der Schwarm", "Der Schwarm", "Frank Schätzing",
                "Frank Schätzing", "Andreas Fröhlich", "2004", "Ungekürzte Lesung", "Hörbuch"));
    }

    @Test
    void anUntaggedBookTakesEverythingFromTheFolderName() {
        assertThat(extract("Astrid Lindgren - Ronja Räubertochter", mp3("01.mp3"), mp3("02.mp3")))
                .isEqualTo(new BookTags("Ronja Räubertochter", "Ronja Räubertochter", "Astrid Lindgren",
                        "Astrid Lindgren", "", "", "", ""));
    }

    @Test
    void noSourcesAtAllStillGiveTheFolderTags() {
        assertThat(extractor.extract("Some Book", List.of()))
                .isEqualTo(new BookTags("Some Book", "Some Book", "", "", "", "", "", ""));
    }

    @Test
    void titleComesFromTheAlbum() {
        assertThat(extract("Author - Folder Title", tagged("1.mp3", "album", "Album Title", "title", "Ch 1"))
                .title()).isEqualTo("Album Title");
    }

    @Test
    void titleElseFromATitleEverySourceShares() {
        BookTags tags = extract("Folder", tagged("1.mp3", "title", "The \"Book\""), tagged("2.mp3", "title", "The \"Book\""));

        assertThat(tags.title()).isEqualTo("The \"Book\"");
        assertThat(tags.album()).isEqualTo("The \"Book\"");
    }

    @Test
    void titleElseFromTheOnlySourcesTitle() {
        assertThat(extract("Folder", tagged("book.m4b", "title", "Solo")).title()).isEqualTo("Solo");
    }

    @Test
    void titleChapterTitlesDoNotNameTheBook() {
        assertThat(extract("Author - Real Title", tagged("1.mp3", "title", "Ch 1"), tagged("2.mp3", "title", "Ch 2"))
                .title()).isEqualTo("Real Title");
    }

    @Test
    void aTitleMissingFromOneSourceIsNotShared() {
        assertThat(extract("Folder Title", tagged("1.mp3", "title", "Book"), mp3("2.mp3")).title())
                .isEqualTo("Folder Title");
    }

    @Test
    void titleFolderNamesAreCleaned() {
        assertThat(extract("Plain Title", mp3("1.mp3")).title()).isEqualTo("Plain Title");
        assertThat(extract("Author_-_Under_Scored", mp3("1.mp3")).title()).isEqualTo("Under Scored");
        assertThat(extract("Author - Series 01 - Title", mp3("1.mp3")).title()).isEqualTo("Series 01 - Title");
        assertThat(extract("Spider-Man", mp3("1.mp3")).title()).isEqualTo("Spider-Man");
        assertThat(extract(" - Title", mp3("1.mp3")).title()).isEqualTo("- Title");
    }

    @Test
    void titleMostSourcesDecideTheAlbum() {
        BookTags tags = extract("F", tagged("1.mp3", "album", "Odd"), tagged("2.mp3", "album", "Book"),
                tagged("3.mp3", "album", "Book"), tagged("4.mp3", "album", " "));

        assertThat(tags.title()).isEqualTo("Book");
    }

    @Test
    void theFirstSourceWinsATie() {
        assertThat(extract("F", tagged("1.mp3", "album", "First"), tagged("2.mp3", "album", "Second")).title())
                .isEqualTo("First");
        assertThat(extract("F", mp3("0.mp3"), tagged("1.mp3", "album", "B"), tagged("2.mp3", "album", "A"),
                tagged("3.mp3", "album", "A"), tagged("4.mp3", "album", "B")).title()).isEqualTo("B");
    }

    @Test
    void authorComesFromTheArtist() {
        assertThat(extract("X - Y", tagged("1.mp3", "artist", "Artist", "album_artist", "Album Artist")).author())
                .isEqualTo("Artist");
    }

    @Test
    void authorElseFromTheAlbumArtist() {
        assertThat(extract("X - Y", tagged("1.mp3", "album_artist", "Album Artist")).author())
                .isEqualTo("Album Artist");
    }

    @Test
    void authorElseFromTheFolderName() {
        assertThat(extract("Jürgen von der Lippe - Titel", mp3("1.mp3")).author()).isEqualTo("Jürgen von der Lippe");
        assertThat(extract("Just A Title", mp3("1.mp3")).author()).isEmpty();
    }

    @Test
    void aSeriesIndexInTheFolderNameIsNoAuthor() {
        BookTags tags = extract("01 - The First One", mp3("1.mp3"));

        assertThat(tags.author()).isEmpty();
        assertThat(tags.title()).isEqualTo("The First One");
        assertThat(extract("Book 2 - The Second", mp3("1.mp3")).author()).isEmpty();
    }

    @Test
    void authorSlashNarratorNarratorArtistIsSplit() {
        for (String artist : List.of("Stephen King/Frank Muller", "Stephen King / Frank Muller",
                "Stephen King /Frank Muller")) {
            BookTags tags = extract("F", tagged("1.mp3", "artist", artist));

            assertThat(tags.author()).isEqualTo("Stephen King");
            assertThat(tags.narrator()).isEqualTo("Frank Muller");
            assertThat(tags.albumArtist()).isEqualTo("Stephen King");
        }
    }

    @Test
    void authorSlashNarratorNarratorAlbumArtistIsSplitToo() {
        BookTags tags = extract("F", tagged("1.mp3", "album_artist", "Autor/Sprecherin"));

        assertThat(tags.author()).isEqualTo("Autor");
        assertThat(tags.narrator()).isEqualTo("Sprecherin");
        assertThat(tags.albumArtist()).isEqualTo("Autor");
    }

    @Test
    void aLoneSlashInTheArtistIsNoSplit() {
        assertThat(extract("F", tagged("1.mp3", "artist", "Author/")).author()).isEqualTo("Author/");
    }

    @Test
    void theNarratorIsNeverTheAuthor() {
        BookTags tags = extract("Stephen King - It", tagged("1.mp3", "artist", "Steven Weber",
                "composer", "Steven Weber"));

        assertThat(tags.author()).isEqualTo("Stephen King");
        assertThat(tags.narrator()).isEqualTo("Steven Weber");
        assertThat(tags.albumArtist()).isEqualTo("Stephen King");
    }

    @Test
    void theNarratorIsSkippedInFavourOfTheAlbumArtist() {
        BookTags tags = extract("F", tagged("1.mp3", "artist", "READER NAME", "album_artist", "Real Author",
                "comment", "Read by Reader Name."));

        assertThat(tags.author()).isEqualTo("Real Author");
        assertThat(tags.narrator()).isEqualTo("Reader Name");
    }

    @Test
    void noAuthorRatherThanTheNarrator() {
        BookTags tags = extract("Title Only", tagged("1.mp3", "artist", "Narr", "composer", "Narr"));

        assertThat(tags.author()).isEmpty();
        assertThat(tags.albumArtist()).isEmpty();
    }

    @Test
    void authorMostSourcesDecide() {
        BookTags tags = extract("F", tagged("1.mp3", "artist", "Typo Autor"), tagged("2.mp3", "artist", "Autor"),
                tagged("3.mp3", "artist", "Autor"));

        assertThat(tags.author()).isEqualTo("Autor");
    }

    @Test
    void narratorComesFromTheComposer() {
        assertThat(extract("F", tagged("1.mp3", "composer", "Rufus Beck", "comment", "Read by Someone Else"))
                .narrator()).isEqualTo("Rufus Beck");
    }

    @Test
    void narratorComposerWinsOverTheArtistsSecondHalf() {
        BookTags tags = extract("F", tagged("1.mp3", "artist", "Author/Other", "composer", "Composer"));

        assertThat(tags.narrator()).isEqualTo("Composer");
        assertThat(tags.author()).isEqualTo("Author");
    }

    @Test
    void narratorElseFromAPhraseInTheComment() {
        assertThat(narratorFromComment("Unabridged. Read by Jim Dale. 7 CDs")).isEqualTo("Jim Dale");
        assertThat(narratorFromComment("NARRATED BY Kate Reading\nPublished 2010")).isEqualTo("Kate Reading");
        assertThat(narratorFromComment("performed by: Stephen Fry")).isEqualTo("Stephen Fry");
        assertThat(narratorFromComment("Gelesen... read by J. R. R. Smith. Unabridged")).isEqualTo("J. R. R. Smith");
        assertThat(narratorFromComment("Read by Zoë O'Brien-Müller!")).isEqualTo("Zoë O'Brien-Müller");
        assertThat(narratorFromComment("Read by \"Ann\"; music by Bob")).isEqualTo("\"Ann\"");
    }

    @Test
    void narratorWordsThatMerelyContainReadDoNotCount() {
        assertThat(narratorFromComment("Proofread by the editor.")).isEmpty();
        assertThat(narratorFromComment("Already read")).isEmpty();
        assertThat(narratorFromComment("")).isEmpty();
    }

    @Test
    void narratorElseFromTheDescription() {
        assertThat(extract("F", tagged("1.m4a", "description", "A tale. Narrated by Anna Thalbach.")).narrator())
                .isEqualTo("Anna Thalbach");
    }

    private String narratorFromComment(String comment) {
        return extract("F", tagged("1.mp3", "comment", comment)).narrator();
    }

    @Test
    void yearIsTheFirstFourDigitYearInTheDate() {
        assertThat(extract("F", tagged("1.mp3", "date", "2004")).year()).isEqualTo("2004");
        assertThat(extract("F", tagged("1.mp3", "date", "2019-05-03T00:00:00Z")).year()).isEqualTo("2019");
        assertThat(extract("F", tagged("1.mp3", "date", "03.05.1999")).year()).isEqualTo("1999");
        assertThat(extract("F", tagged("1.mp3", "date", "12345 then 1984")).year()).isEqualTo("1984");
        assertThat(extract("F", tagged("1.mp3", "date", "unknown")).year()).isEmpty();
    }

    @Test
    void yearFallsBackToTheYearTag() {
        assertThat(extract("F", tagged("1.mp3", "year", "1987")).year()).isEqualTo("1987");
        assertThat(extract("F", tagged("1.mp3", "date", "n/a", "year", "1987")).year()).isEqualTo("1987");
    }

    @Test
    void commentFallsBackToTheDescription() {
        assertThat(extract("F", tagged("1.mp3", "comment", "C", "description", "D")).comment()).isEqualTo("C");
        assertThat(extract("F", tagged("1.mp3", "description", "D \"quoted\"")).comment()).isEqualTo("D \"quoted\"");
        assertThat(extract("F", tagged("1.mp3", "comment", "   ", "description", "D")).comment()).isEqualTo("D");
    }

    @Test
    void genreIsTheGenre() {
        assertThat(extract("F", tagged("1.mp3", "genre", "Audiobook")).genre()).isEqualTo("Audiobook");
        assertThat(extract("F", mp3("1.mp3")).genre()).isEmpty();
    }

    @Test
    void albumArtistIsTheTagElseTheAuthor() {
        assertThat(extract("F", tagged("1.mp3", "artist", "A", "album_artist", "Various")).albumArtist())
                .isEqualTo("Various");
        assertThat(extract("F", tagged("1.mp3", "artist", "A")).albumArtist()).isEqualTo("A");
    }

    @Test
    void valuesAreTrimmed() {
        BookTags tags = extract("F", tagged("1.mp3", "album", "  Spaced  ", "artist", " Me ", "genre", "\tG\n"));

        assertThat(tags.title()).isEqualTo("Spaced");
        assertThat(tags.author()).isEqualTo("Me");
        assertThat(tags.genre()).isEqualTo("G");
    }

    @Test
    void threeHundredFilesAgreeDespiteAFewStrays() {
        List<AudioSource> sources = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            boolean stray = i % 50 == 0;
            sources.add(tagged(String.format("%03d.mp3", i), "title", "Kapitel " + i,
                    "album", stray ? "Das Buch (CD " + i + ")" : "Das Buch",
                    "artist", stray ? "Unknown" : "Die Autorin", "genre", "Hörbuch", "date", i == 1 ? "" : "2021"));
        }

        BookTags tags = extractor.extract("Die Autorin - Das Buch", sources);

        assertThat(tags).isEqualTo(new BookTags("Das Buch", "Das Buch", "Die Autorin", "Die Autorin", "", "2021", "",
                "Hörbuch"));
    }
}
