package org.automb.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import java.util.List;
import org.automb.metadata.AudibleProduct;
import org.automb.metadata.Region;
import org.automb.plan.BookTags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OutputNaming: OUTPUT_NAMING templates parsed once, rendered into safe folder names with optional parts. */
class OutputNamingTest {

    private static NamingFields book(String author, String title, String series, String part) {
        return new NamingFields("Inbox/Key", author, title, "", series, part, "1994", "Sam Reader", "B000000001", "us");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "key", "KEY", " key "})
    void keyOrEmptyIsTheDefaultLayout(String value) {
        OutputNaming naming = OutputNaming.parse(value);

        assertThat(naming.followsKey()).isTrue();
        assertThat(naming.template()).isEqualTo("key");
        assertThat(naming.folders(book("A", "T", "S", "1"))).isEmpty();
        assertThat(OutputNaming.parse(null).followsKey()).isTrue();
    }

    @Test
    void aTemplateNamesTheBooksFolders() {
        OutputNaming naming = OutputNaming.parse("{author}/{series}/{series_part} - {title}");

        assertThat(naming.followsKey()).isFalse();
        assertThat(naming.folders(book("Terry Goodkind", "Wizards First Rule", "Sword of Truth", "1")))
            .containsExactly("Terry Goodkind", "Sword of Truth", "1 - Wizards First Rule");
    }

    @Test
    void everyFieldCanBeUsed() {
        OutputNaming naming = OutputNaming.parse("{region}/{asin}/{author} - {narrator}/{year} - {title} - {subtitle}/{key}");
        NamingFields fields = new NamingFields("Series/01 - Book", "Au", "Ti", "Sub", "Se", "2", "2001", "Na", "B0ASIN", "uk");

        assertThat(naming.folders(fields)).containsExactly("uk", "B0ASIN", "Au - Na", "2001 - Ti - Sub", "Series-01 - Book");
    }

    @Test
    void anEmptyFolderDisappears() {
        OutputNaming naming = OutputNaming.parse("{author}/{series}/{title}");

        assertThat(naming.folders(book("Steven Levy", "Hackers", "", ""))).containsExactly("Steven Levy", "Hackers");
        assertThat(naming.folders(book("", "Hackers", "", ""))).containsExactly("Hackers");
    }

    @Test
    void anEmptyPieceDisappearsWithItsSeparator() {
        OutputNaming naming = OutputNaming.parse("{author}/Vol {series_part} - {year} - {title} - {subtitle}");

        assertThat(naming.folders(new NamingFields("k", "A", "Title", "", "", "", "", "", "", "")))
            .containsExactly("A", "Title");
        assertThat(naming.folders(new NamingFields("k", "A", "Title", "", "", "3", "", "", "", "")))
            .containsExactly("A", "Vol 3 - Title");
    }

    @Test
    void literalFoldersStay() {
        OutputNaming naming = OutputNaming.parse("Audiobooks/{author}/{title}");

        assertThat(naming.folders(book("A", "T", "", ""))).containsExactly("Audiobooks", "A", "T");
    }

    @Test
    void aTemplateThatLeavesNoFieldForTheBookFallsBackOnTheKey() {
        OutputNaming naming = OutputNaming.parse("Audiobooks/{series}");

        assertThat(naming.folders(book("A", "T", "", ""))).as("nothing but the literal folder: the key decides").isEmpty();
        assertThat(naming.folders(book("A", "T", "Saga", ""))).containsExactly("Audiobooks", "Saga");
    }

    @Test
    void absPresetPutsASeriesBookUnderAuthorSeriesVol() {
        OutputNaming abs = OutputNaming.parse("abs");

        assertThat(abs.template()).isEqualTo("abs");
        assertThat(abs.folders(book("Terry Goodkind", "Wizards First Rule", "Sword of Truth", "1")))
            .containsExactly("Terry Goodkind", "Sword of Truth", "Vol 1 - Wizards First Rule");
    }

    @Test
    void absPresetPutsABookWithoutSeriesUnderAuthorTitle() {
        OutputNaming abs = OutputNaming.parse("ABS");

        assertThat(abs.folders(book("Steven Levy", "Hackers", "", ""))).containsExactly("Steven Levy", "Hackers");
        assertThat(abs.folders(book("Steven Levy", "Hackers", "", "2")))
            .as("a part without its series is not filed as a volume").containsExactly("Steven Levy", "Hackers");
        assertThat(abs.folders(book("Terry Goodkind", "Stray Book", "Sword of Truth", "")))
            .as("a series without a part: no empty 'Vol'").containsExactly("Terry Goodkind", "Sword of Truth", "Stray Book");
        assertThat(abs.folders(book("", "Animal Farm", "", ""))).containsExactly("Animal Farm");
    }

    @Test
    void aFractionalPartIsKeptAsAudiobookshelfReadsIt() {
        // Audiobookshelf's scanner takes "Vol 1.5" as sequence 1.5 (up to two decimals)
        assertThat(OutputNaming.parse("abs").folders(book("Author", "Between", "Saga", "1.5")))
            .containsExactly("Author", "Saga", "Vol 1.5 - Between");
        assertThat(OutputNaming.parse("{series}/{series_part} - {title}").folders(book("A", "Between", "Saga", "1.5")))
            .containsExactly("Saga", "1.5 - Between");
    }

    @Test
    void nonAsciiNamesComeOutInNfc() {
        String decomposed = Normalizer.normalize("Frank Schätzing", Normalizer.Form.NFD);
        String title = Normalizer.normalize("Der Schwarm – Ça ira 東京", Normalizer.Form.NFD);

        List<String> folders = OutputNaming.parse("{author}/{title}").folders(book(decomposed, title, "", ""));

        assertThat(folders).containsExactly("Frank Schätzing", "Der Schwarm – Ça ira 東京");
        assertThat(folders).allMatch(name -> Normalizer.isNormalized(name, Normalizer.Form.NFC));
    }

    @Test
    void valuesCannotAddFoldersOrClimbOut() {
        OutputNaming naming = OutputNaming.parse("{author}/{title}");

        assertThat(naming.folders(book("../..", "../../etc/passwd", "", ""))).containsExactly("etc-passwd");
        assertThat(naming.folders(book("..", "/abs/olute", "", ""))).containsExactly("abs-olute");
        assertThat(naming.folders(book("a/b\\c", "C:\\Windows", "", ""))).containsExactly("a-b-c", "C--Windows");
        assertThat(naming.folders(book(".", "..", "", ""))).as("nothing left of any field: the key decides").isEmpty();
    }

    @Test
    void reservedNamesAndUnsafeValuesAreMadeSafe() {
        OutputNaming naming = OutputNaming.parse("{author}/{title}");

        assertThat(naming.folders(book("CON", "nul", "", ""))).containsExactly("CON_", "nul_");
        assertThat(naming.folders(book("Who?", "Title: The \"Sub\" <1|2> * end.", "", "")))
            .containsExactly("Who", "Title - The 'Sub' _1-2_ _ end");
    }

    @Test
    void fieldsFromTheBooksTags() {
        BookTags tags = new BookTags("Der Schwarm", "Der Schwarm", "Frank Schätzing", "Frank Schätzing", "Ned", "2004", "", "");

        NamingFields fields = NamingFields.fromTags("Thriller/Der Schwarm", tags);

        assertThat(fields).isEqualTo(new NamingFields("Thriller/Der Schwarm", "Frank Schätzing", "Der Schwarm", "", "",
            "", "2004", "Ned", "", ""));
        assertThat(NamingFields.fromTags("Folder/Name", new BookTags("", "", "", "Album Artist", "", "", "", "")))
            .extracting(NamingFields::title, NamingFields::author).containsExactly("Name", "Album Artist");
        assertThat(NamingFields.fromKey("A/B")).extracting(NamingFields::title, NamingFields::key)
            .containsExactly("B", "A/B");
    }

    @Test
    void fieldsFromAnAudibleMatch() {
        AudibleProduct product = new AudibleProduct(Region.UK, "B0TEST0001", "Wizards First Rule", "Sword of Truth, Book 1",
            List.of("Terry Goodkind"), List.of("Sam Tsoutsouvas", "Other Voice"), "Brilliance", "<p>x</p>", "1994-08-15",
            "english", 600, "", "", false, List.of(new AudibleProduct.Series("B0SERIES01", "Sword of Truth", "1.5")),
            List.of(), java.util.Map.of());

        NamingFields fields = NamingFields.fromProduct("Inbox/Wizard", product);

        assertThat(fields).isEqualTo(new NamingFields("Inbox/Wizard", "Terry Goodkind", "Wizards First Rule",
            "Sword of Truth, Book 1", "Sword of Truth", "1.5", "1994", "Sam Tsoutsouvas, Other Voice", "B0TEST0001", "uk"));
        assertThat(OutputNaming.parse("abs").folders(fields))
            .containsExactly("Terry Goodkind", "Sword of Truth", "Vol 1.5 - Wizards First Rule");
    }

    @Test
    void fieldNamesAreReadWithoutRegardToCaseOrSpaces() {
        assertThat(OutputNaming.parse("{ Author }/{TITLE}").folders(book("A", "T", "", ""))).containsExactly("A", "T");
    }

    // --- invalid templates: one clear line naming the setting and each problem

    @Test
    void anUnknownFieldIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> OutputNaming.parse("{author}/{titel}"))
            .isInstanceOf(InvalidOutputNamingException.class)
            .hasMessage("OUTPUT_NAMING '{author}/{titel}': unknown field '{titel}' (known: author, title, subtitle,"
                + " series, series_part, year, narrator, asin, key, region)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{author/{title}", "{author}/{title", "author}/{title}", "{author}}/{title}", "{}/{title}"})
    void unbalancedOrEmptyBracesAreRefused(String template) {
        assertThatThrownBy(() -> OutputNaming.parse(template))
            .isInstanceOf(InvalidOutputNamingException.class)
            .hasMessageStartingWith("OUTPUT_NAMING '" + template + "': ")
            .satisfies(e -> assertThat(((InvalidOutputNamingException) e).problems())
                .anyMatch(p -> p.contains("brace") || p.contains("empty field")));
    }

    @Test
    void unbalancedBracesSayWhere() {
        assertThat(OutputNaming.problems("{author}/{title"))
            .containsExactly("unbalanced braces: '{' at position 10 is never closed");
        assertThat(OutputNaming.problems("{author}}/{title}"))
            .containsExactly("unbalanced braces: '}' at position 9 closes no '{'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/srv/books/{author}", "\\\\server\\share\\{title}", "C:/Books/{title}", "c:{title}"})
    void anAbsolutePathIsRefused(String template) {
        assertThat(OutputNaming.problems(template)).containsExactly("is an absolute path; a template names folders"
            + " inside CONVERTED_FOLDER, such as {author}/{title}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../{author}/{title}", "{author}/../{title}", "{author}/./{title}", "{author}/ .. /{title}"})
    void dotFoldersAreRefused(String template) {
        assertThat(OutputNaming.problems(template)).singleElement().asString()
            .endsWith("is not a folder name; the template stays inside CONVERTED_FOLDER");
    }

    @Test
    void otherMistakesAreNamed() {
        assertThat(OutputNaming.problems("{author}//{title}")).containsExactly(
            "an empty folder name (two '/' in a row, or a '/' at an end)");
        assertThat(OutputNaming.problems("{author}/{title}/")).containsExactly(
            "an empty folder name (two '/' in a row, or a '/' at an end)");
        assertThat(OutputNaming.problems("{author}\\{title}")).containsExactly(
            "'\\' at position 9: folders are separated by '/'");
        assertThat(OutputNaming.problems("{author}/{title}?")).containsExactly(
            "'?' at position 17 cannot be in a file name on every system");
        assertThat(OutputNaming.problems("{author}/...")).containsExactly(
            "the folder name '...' is empty once made safe (only dots or spaces)");
        assertThat(OutputNaming.problems("Audiobooks/All")).containsExactly(
            "names no field, so every book would go to the same place; use fields such as {author}/{title},"
                + " or 'key' or 'abs'");
    }

    @Test
    void everyProblemIsListed() {
        assertThatThrownBy(() -> OutputNaming.parse("{writer}/{title}/{year"))
            .hasMessage("OUTPUT_NAMING '{writer}/{title}/{year': unknown field '{writer}' (known: author, title,"
                + " subtitle, series, series_part, year, narrator, asin, key, region); unbalanced braces: '{' at"
                + " position 18 is never closed");
    }

    @Test
    void aValidTemplateHasNoProblems() {
        assertThat(OutputNaming.problems("{author}/{series}/{series_part} - {title}")).isEmpty();
        assertThat(OutputNaming.problems("abs")).isEmpty();
        assertThat(OutputNaming.problems("key")).isEmpty();
    }
}
