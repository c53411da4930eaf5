package org.automb.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.automb.config.Settings;
import org.automb.config.SettingsCatalog;
import org.automb.intake.Book;
import org.automb.io.NameLimits;
import org.automb.tagging.NamingFields;
import org.automb.tagging.OutputNaming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OutputLayout under OUTPUT_NAMING: the templated path, fitted to the file system, always inside CONVERTED_FOLDER. */
class OutputLayoutNamingTest {

    private static final Path BASE = Path.of("/srv/books");
    private static final Path CONVERTED = BASE.resolve("converted");

    private static Settings settings(Path converted) {
        Map<String, String> raw = new HashMap<>(new SettingsCatalog(2).defaults());
        raw.put("CONVERTED_FOLDER", converted.toString());
        raw.put("ARCHIVE_FOLDER", BASE.resolve("archive").toString());
        raw.put("BACKUP_FOLDER", BASE.resolve("backup").toString());
        raw.put("WORKING_FOLDER", BASE.resolve("working").toString());
        return Settings.parse(raw);
    }

    private static OutputLayout layout(String template) {
        return new OutputLayout(settings(CONVERTED), new NameLimits(), OutputNaming.parse(template));
    }

    private static Book book(String key, String name) {
        return new Book(key, name, BASE.resolve("inbox").resolve(key), List.of(), List.of(), false);
    }

    private static NamingFields fields(String key, String author, String title, String series, String part) {
        return new NamingFields(key, author, title, "", series, part, "", "", "", "");
    }

    @Test
    void theDefaultIsTheKeyLayoutWhateverTheFields() {
        OutputLayout byKey = new OutputLayout(settings(CONVERTED), new NameLimits());
        Book book = book("Series/01 - First", "01 - First");
        NamingFields fields = fields(book.key(), "Author", "Other Title", "Saga", "1");

        assertThat(byKey.naming().followsKey()).isTrue();
        assertThat(byKey.outputFile(book, fields)).isEqualTo(byKey.outputFile(book))
            .isEqualTo(CONVERTED.resolve("Series/01 - First/01 - First.m4b"));
        assertThat(layout("key").outputFile(book, fields)).isEqualTo(byKey.outputFile(book));
        assertThat(byKey.shortenedNames(book, fields)).isEqualTo(byKey.shortenedNames(book)).isEmpty();
    }

    @Test
    void aTemplateNamesTheBooksFolderAndItsM4b() {
        Book book = book("incoming/wfr", "wfr");

        Path output = layout("{author}/{series}/{series_part} - {title}")
            .outputFile(book, fields(book.key(), "Terry Goodkind", "Wizards First Rule", "Sword of Truth", "1"));

        assertThat(output).isEqualTo(CONVERTED.resolve(
            "Terry Goodkind/Sword of Truth/1 - Wizards First Rule/1 - Wizards First Rule.m4b"));
    }

    @Test
    void absWithAndWithoutSeries() {
        OutputLayout abs = layout("abs");
        Book book = book("x", "x");

        assertThat(abs.outputFile(book, fields("x", "Terry Goodkind", "Stone of Tears", "Sword of Truth", "2")))
            .isEqualTo(CONVERTED.resolve("Terry Goodkind/Sword of Truth/Vol 2 - Stone of Tears/Vol 2 - Stone of Tears.m4b"));
        assertThat(abs.outputFile(book, fields("x", "Steven Levy", "Hackers", "", "")))
            .isEqualTo(CONVERTED.resolve("Steven Levy/Hackers/Hackers.m4b"));
    }

    @Test
    void aTemplateThatLeavesNothingForTheBookFallsBackOnTheKey() {
        Book book = book("Series/01 - First", "01 - First");

        assertThat(layout("{series}").outputFile(book, fields(book.key(), "A", "T", "", "")))
            .isEqualTo(CONVERTED.resolve("Series/01 - First/01 - First.m4b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../..", "../../etc", "/etc", "/srv/books/other", "C:\\Windows", "\\\\server\\share",
        ".", "./..", "~/..", "a/../../..", "..\\..\\x", "CON", "nul.m4b", " .. "})
    void valuesThatTryToEscapeStayInsideConverted(String attempt) {
        Book book = book("Inbox Key", "Inbox Key");
        for (String template : List.of("{author}/{title}", "{title}", "{author}/{series}/{series_part} - {title}", "abs")) {
            Path output = layout(template).outputFile(book, fields(book.key(), attempt, attempt, attempt, attempt));

            assertThat(output.normalize()).as("%s with %s", template, attempt).isEqualTo(output);
            assertThat(output).as("%s with %s", template, attempt).startsWithRaw(CONVERTED);
            assertThat(output.getParent()).isNotEqualTo(CONVERTED);
            List<String> parts = new java.util.ArrayList<>();
            CONVERTED.relativize(output).forEach(part -> parts.add(part.toString()));
            assertThat(parts).allSatisfy(part -> assertThat(part)
                .isNotIn(".", "..", "").doesNotContain("\\", ":").doesNotEndWith(".").doesNotEndWith(" ")
                .isNotEqualToIgnoringCase("con").isNotEqualToIgnoringCase("nul.m4b"));
        }
    }

    @Test
    void longNamesAreShortenedWithinTheFileSystemsLimit(@TempDir Path tmp) {
        NameLimits ecryptfs = new NameLimits(file -> {
            if (file.getFileName().toString().getBytes(StandardCharsets.UTF_8).length > 143) {
                throw new FileSystemException(file.toString(), null, "File name too long");
            }
        });
        OutputLayout layout = new OutputLayout(settings(tmp), ecryptfs, OutputNaming.parse("{author}/{series}/{title}"));
        String author = "Å".repeat(100); // 200 bytes of UTF-8
        String series = "S".repeat(300);
        String title = "T".repeat(141); // fits as a folder (141 bytes), not as "<title>.m4b" (145)
        Book book = book("k", "k");
        NamingFields fields = fields("k", author, title, series, "");

        Path output = layout.outputFile(book, fields);

        List<String> parts = new java.util.ArrayList<>();
        tmp.relativize(output).forEach(part -> parts.add(part.toString()));
        assertThat(parts).hasSize(4).allSatisfy(part ->
            assertThat(part.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(143));
        assertThat(parts.get(0)).startsWith("ÅÅÅ").matches(".*~[0-9a-f]{8}");
        assertThat(parts.get(2)).isEqualTo(title);
        assertThat(parts.get(3)).startsWith("TTT").endsWith(".m4b");
        assertThat(output).startsWithRaw(tmp);
        assertThat(layout.shortenedNames(book, fields)).extracting(ShortenedName::folder, ShortenedName::original)
            .containsExactly(tuple("converted", author), tuple("converted", series), tuple("converted", title + ".m4b"));
        assertThat(layout.shortenedNames(book, fields)).extracting(ShortenedName::written)
            .containsExactly(parts.get(0), parts.get(1), parts.get(3));
    }

    @Test
    void theSameFieldsAlwaysGiveTheSamePath() {
        OutputLayout layout = layout("{author}/{title}");
        NamingFields fields = fields("k", "A".repeat(400), "Ü".repeat(300), "", "");

        assertThat(layout.outputFile(book("k", "k"), fields)).isEqualTo(layout.outputFile(book("k", "k"), fields));
    }
}
