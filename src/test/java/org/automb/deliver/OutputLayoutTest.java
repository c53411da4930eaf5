package org.automb.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.automb.config.Settings;
import org.automb.config.SettingsCatalog;
import org.automb.intake.Book;
import org.automb.io.NameLimits;
import org.automb.io.WorkArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OutputLayout: where a book's output, archive, backup and scratch folder go, never outside their base folder. */
class OutputLayoutTest {

    private static final Path BASE = Path.of("/srv/books");
    private final OutputLayout layout = new OutputLayout(settings());

    private static Settings settings() {
        Map<String, String> raw = new HashMap<>(new SettingsCatalog(2).defaults());
        raw.put("CONVERTED_FOLDER", BASE.resolve("converted").toString());
        raw.put("ARCHIVE_FOLDER", BASE.resolve("archive").toString());
        raw.put("BACKUP_FOLDER", BASE.resolve("backup").toString());
        raw.put("WORKING_FOLDER", BASE.resolve("working").toString());
        return Settings.parse(raw);
    }

    private static Book book(String key, String name) {
        return new Book(key, name, BASE.resolve("inbox").resolve(key), List.of(), List.of(), false);
    }

    @Test
    void aBookGoesUnderItsKeyInEachFolder() {
        Book book = book("Series/01 - First", "01 - First");

        assertThat(layout.outputFolder(book)).isEqualTo(BASE.resolve("converted/Series/01 - First"));
        assertThat(layout.outputFile(book)).isEqualTo(BASE.resolve("converted/Series/01 - First/01 - First.m4b"));
        assertThat(layout.archiveFolder(book)).isEqualTo(BASE.resolve("archive/Series/01 - First"));
        assertThat(layout.backupFolder(book)).isEqualTo(BASE.resolve("backup/Series/01 - First"));
    }

    @Test
    void oddButHarmlessKeysStayAsTheyAre() {
        Book book = book("Tom's \"Book\" $(x) `y`; & z\nü..", "Tom's");

        assertThat(layout.outputFolder(book)).isEqualTo(BASE.resolve("converted").resolve("Tom's \"Book\" $(x) `y`; & z\nü.."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../escaped", "../converted-elsewhere/x", "a/../../escaped", "Series/../../..", "/etc",
        "/srv/books/other/x", "", ".", "a/..", "./"})
    void aKeyThatWouldEscapeOrBeTheBaseFolderIsRefused(String key) {
        Book book = book(key, "x");

        assertThatThrownBy(() -> OutputLayout.within(BASE.resolve("converted"), key)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("does not name a folder inside");
        assertThatThrownBy(() -> layout.outputFile(book)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.archiveFolder(book)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.backupFolder(book)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyThatOnlyLooksLikeItEscapesIsAccepted() {
        assertThat(OutputLayout.within(BASE, "a/../b")).isEqualTo(BASE.resolve("b"));
        assertThat(OutputLayout.within(BASE, "..book")).isEqualTo(BASE.resolve("..book"));
        assertThat(OutputLayout.within(BASE, "book..")).isEqualTo(BASE.resolve("book.."));
    }

    @Test
    void aSiblingFolderWithTheSamePrefixIsOutside() {
        // "/srv/books/converted-old" starts with the text "/srv/books/converted" but is not inside it
        assertThatThrownBy(() -> OutputLayout.within(BASE.resolve("converted"), "../converted-old/x"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNameTooLongForTheFileSystemIsShortenedKeepingItsExtension() {
        String name = "N".repeat(253); // a folder name the inbox holds; with ".m4b" 257 bytes
        Book book = book("Series/" + name, name);

        Path output = layout.outputFile(book);

        assertThat(output.getParent()).as("the folder name fits as it is").isEqualTo(BASE.resolve("converted/Series").resolve(name));
        assertThat(output.getFileName().toString()).hasSizeLessThanOrEqualTo(255).endsWith(".m4b").startsWith("NNNN");
        assertThat(layout.shortenedNames(book)).containsExactly(
            new ShortenedName("converted", name + ".m4b", output.getFileName().toString()));
    }

    @Test
    void onAFileSystemWithShorterNamesEveryFolderOfTheKeyFits(@org.junit.jupiter.api.io.TempDir Path tmp) {
        NameLimits ecryptfs = new NameLimits(file -> {
            if (file.getFileName().toString().length() > 143) {
                throw new java.nio.file.FileSystemException(file.toString(), null, "File name too long");
            }
        });
        Map<String, String> raw = new HashMap<>(new SettingsCatalog(2).defaults());
        for (String folder : List.of("CONVERTED_FOLDER", "ARCHIVE_FOLDER", "BACKUP_FOLDER", "WORKING_FOLDER")) {
            raw.put(folder, tmp.toString());
        }
        OutputLayout shortNames = new OutputLayout(Settings.parse(raw), ecryptfs);
        String series = "S".repeat(200);
        String title = "T".repeat(150);
        Book book = book(series + "/" + title, title);

        Path output = shortNames.outputFile(book);
        Path archived = shortNames.archiveFolder(book);

        assertThat(tmp.relativize(output).toString().split("/")).hasSize(3)
            .allSatisfy(segment -> assertThat(segment).hasSizeLessThanOrEqualTo(143));
        assertThat(archived).as("the same base folder here, so the same names").isEqualTo(output.getParent());
        assertThat(shortNames.shortenedNames(book)).extracting(ShortenedName::folder, ShortenedName::original)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("converted", series), org.assertj.core.groups.Tuple.tuple("converted", title),
                org.assertj.core.groups.Tuple.tuple("converted", title + ".m4b"), org.assertj.core.groups.Tuple.tuple("archive", series),
                org.assertj.core.groups.Tuple.tuple("archive", title));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc", "Series/Book", "a\nb", "/abs", "..", "日本語 – ü",
        "a very long book name that goes on and on and on, well beyond any sensible length for one folder name"})
    void theScratchFolderIsAlwaysOneSafeFolderInsideWorking(String key) {
        Path work = layout.workFolder(book(key, "x"));

        assertThat(work.getParent()).isEqualTo(BASE.resolve("working").resolve(WorkArea.FOLDER));
        assertThat(work.getFileName().toString()).as("short, generated, never the book's name").matches("b-[0-9a-f]{12}");
        assertThat(WorkArea.isBookFolderName(work.getFileName().toString())).isTrue();
    }

    @Test
    void scratchFoldersOfDifferentBooksDiffer() {
        assertThat(layout.workFolder(book("a/b", "b"))).isNotEqualTo(layout.workFolder(book("a_b", "a_b")));
        assertThat(layout.workFolder(book("a/b", "b"))).isEqualTo(layout.workFolder(book("a/b", "b")));
    }

    @Test
    void aBookNameOf250BytesAddsNothingToTheWorkingPath() {
        String name = "é".repeat(125); // 250 bytes in UTF-8, near the 255-byte limit of most file systems
        Path work = layout.workFolder(book("Series/" + name, name));

        assertThat(BASE.resolve("working").relativize(work).toString()).isEqualTo(WorkArea.FOLDER + "/" + WorkArea.bookFolderName("Series/" + name));
        assertThat(work.getFileName().toString()).hasSize(14);
    }
}
