package org.automb.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsinHintsTest {

    @TempDir
    Path inbox;

    private final AsinHints hints = new AsinHints(AudibleSamples.JSON);

    private Path book(String name) throws IOException {
        return Files.createDirectories(inbox.resolve(name));
    }

    @Test
    void anAsinInBracketsInTheFolderNameIsFound() throws IOException {
        Path book = book("Andy Weir - Project Hail Mary [B08G9PRS1K]");

        assertThat(hints.find(book, Map.of()))
            .contains(new AsinHint("B08G9PRS1K", AsinHint.Source.FOLDER_NAME, book.getFileName().toString()));
    }

    @Test
    void anAsinMarkerInBracesIsFoundInAnyCase() throws IOException {
        Path book = book("Project Hail Mary {asin.B08G9PRS1K}");

        assertThat(hints.find(book, Map.of())).map(AsinHint::asin).contains("B08G9PRS1K");
    }

    @Test
    void anIsbnTenAsinCountsAndAMalformedOneDoesNot() throws IOException {
        assertThat(hints.find(book("Old Book [030740791X]"), Map.of())).map(AsinHint::asin).contains("030740791X");
        assertThat(hints.find(book("Not One [B08G9PRS1]"), Map.of())).isEmpty();
        assertThat(hints.find(book("Nor This [X08G9PRS1K]"), Map.of())).isEmpty();
    }

    @Test
    void aFileNameInTheFolderOrItsDiscFoldersNamesTheAsin() throws IOException {
        Path book = book("Project Hail Mary");
        Files.createDirectories(book.resolve("CD 1"));
        Files.writeString(book.resolve("CD 1/01 - Project Hail Mary {ASIN.B08G9PRS1K}.mp3"), "");

        assertThat(hints.find(book, Map.of())).contains(new AsinHint("B08G9PRS1K", AsinHint.Source.FILE_NAME,
            "01 - Project Hail Mary {ASIN.B08G9PRS1K}.mp3"));
    }

    @Test
    void anAsinTagIsFoundWhateverTheCaseOfItsName() throws IOException {
        Path book = book("Project Hail Mary");

        assertThat(hints.find(book, Map.of("title", "Chapter 1", "Audible_ASIN", " b08g9prs1k ")))
            .contains(new AsinHint("B08G9PRS1K", AsinHint.Source.TAG, "Audible_ASIN"));
        assertThat(hints.find(book, Map.of("ASIN", "B08G9PRS1K"))).map(AsinHint::source).contains(AsinHint.Source.TAG);
        assertThat(hints.find(book, Map.of("asin", "none"))).isEmpty();
    }

    @Test
    void asinTxtIsRead() throws IOException {
        Path book = book("Project Hail Mary");
        Files.writeString(book.resolve("ASIN.txt"), "\nB08G9PRS1K\n");

        assertThat(hints.find(book, Map.of()))
            .contains(new AsinHint("B08G9PRS1K", AsinHint.Source.ASIN_TXT, "ASIN.txt"));
    }

    @Test
    void audiobookshelfMetadataJsonIsRead() throws IOException {
        Path book = book("Project Hail Mary");
        Files.writeString(book.resolve("metadata.json"),
            "{\"tags\":[],\"title\":\"Project Hail Mary\",\"authors\":[\"Andy Weir\"],\"asin\":\"B08G9PRS1K\",\"isbn\":null}");

        assertThat(hints.find(book, Map.of())).map(AsinHint::source).contains(AsinHint.Source.METADATA_JSON);
        assertThat(hints.find(book, Map.of())).map(AsinHint::asin).contains("B08G9PRS1K");
    }

    @Test
    void anOpfIdentifierWithTheAsinSchemeIsRead() throws IOException {
        Path book = book("Project Hail Mary");
        Files.writeString(book.resolve("metadata.opf"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <package xmlns="http://www.idpf.org/2007/opf" unique-identifier="id" version="2.0">
              <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
                <dc:title>Project Hail Mary</dc:title>
                <dc:identifier opf:scheme="ISBN">9781603935470</dc:identifier>
                <dc:identifier opf:scheme="ASIN">B08G9PRS1K</dc:identifier>
              </metadata>
            </package>
            """);

        assertThat(hints.find(book, Map.of()))
            .contains(new AsinHint("B08G9PRS1K", AsinHint.Source.OPF, "metadata.opf"));
    }

    @Test
    void anOpfIdentifierWrittenAsinColonOrAMetaPropertyIsRead() throws IOException {
        Path prefixed = book("One");
        Files.writeString(prefixed.resolve("book.opf"), """
            <package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
              <dc:identifier>AUDIBLE_ASIN:B08G9PRS1K</dc:identifier></metadata></package>
            """);
        Path meta = book("Two");
        Files.writeString(meta.resolve("book.opf"), """
            <package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata>
              <meta property="audible:asin">B00B5HZGUG</meta></metadata></package>
            """);

        assertThat(hints.find(prefixed, Map.of())).map(AsinHint::asin).contains("B08G9PRS1K");
        assertThat(hints.find(meta, Map.of())).map(AsinHint::asin).contains("B00B5HZGUG");
    }

    @Test
    void theFolderNameComesBeforeTagsAndFilesInTheFolder() throws IOException {
        Path book = book("Project Hail Mary [B08G9PRS1K]");
        Files.writeString(book.resolve("asin.txt"), "B00B5HZGUG");

        Optional<AsinHint> hint = hints.find(book, Map.of("asin", "B0DECOY001"));

        assertThat(hint).map(AsinHint::asin).contains("B08G9PRS1K");
    }

    @Test
    void tagsComeBeforeAsinTxtAndAsinTxtBeforeMetadataFiles() throws IOException {
        Path book = book("Project Hail Mary");
        Files.writeString(book.resolve("asin.txt"), "B00B5HZGUG");
        Files.writeString(book.resolve("metadata.json"), "{\"asin\":\"B0DECOY001\"}");

        assertThat(hints.find(book, Map.of("asin", "B08G9PRS1K"))).map(AsinHint::asin).contains("B08G9PRS1K");
        assertThat(hints.find(book, Map.of())).map(AsinHint::asin).contains("B00B5HZGUG");
    }

    @Test
    void unreadableHintFilesArePassedOver() throws IOException {
        Path book = book("Project Hail Mary");
        Files.writeString(book.resolve("metadata.json"), "{not json");
        Files.writeString(book.resolve("metadata.opf"), "<package><unclosed>");
        Files.writeString(book.resolve("evil.opf"), """
            <?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
            <package><metadata><meta name="asin" content="B08G9PRS1K"/>&e;</metadata></package>
            """);

        assertThat(hints.find(book, Map.of())).isEmpty();
    }

    @Test
    void aFolderThatIsGoneGivesNoHint() {
        assertThat(hints.find(inbox.resolve("gone"), Map.of())).isEmpty();
    }
}
