package org.automb.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.automb.intake.Book;
import org.automb.intake.BookFingerprint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** intake.json read back: the key, the content hash the scanner computes for the same sources, the output beside it. */
class DeliveredBooksTest {

    @TempDir
    Path root;

    private final DeliveredBooks delivered = new DeliveredBooks();

    @Test
    void aManifestGivesTheScannersContentHashForTheBooksSources() throws IOException {
        Path book = Files.createDirectories(root.resolve("inbox/Series/Book"));
        Files.write(book.resolve("01.mp3"), new byte[1234]);
        Files.createDirectories(book.resolve("CD2"));
        Files.write(book.resolve("CD2/02.mp3"), new byte[99]);
        Path output = Files.createDirectories(root.resolve("converted/Series/Book")).resolve("Book.m4b");
        Files.writeString(output, "m4b");
        Files.writeString(output.resolveSibling("intake.json"), """
            {"schemaVersion": 1, "book": {"key": "Series/Book", "name": "Book"},
             "sources": [{"file": "01.mp3", "sizeBytes": 1234, "sha256": "x"}, {"file": "CD2/02.mp3", "sizeBytes": 99}],
             "output": {"path": "/old/place/converted/Series/Book/Book.m4b", "sha256": "y"}}
            """);
        Book inInbox = new Book("Series/Book", "Book", book, List.of(book.resolve("01.mp3"), book.resolve("CD2/02.mp3")),
            List.of(), false);

        List<DeliveredBooks.Delivered> found = delivered.under(root.resolve("converted"));

        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.key()).isEqualTo("Series/Book");
            assertThat(d.contentHash()).isEqualTo(BookFingerprint.of(inInbox).contentHash());
            assertThat(d.output()).as("where the output lies now").isEqualTo(output);
        });
    }

    @Test
    void manifestsThatCannotBeReadOrWhoseOutputIsGoneArePassedOver() throws IOException {
        Path gone = Files.createDirectories(root.resolve("converted/Gone"));
        Files.writeString(gone.resolve("intake.json"), """
            {"book": {"key": "Gone"}, "sources": [{"file": "a.mp3", "sizeBytes": 1}], "output": {"path": "/x/Gone.m4b"}}
            """);
        Path broken = Files.createDirectories(root.resolve("converted/Broken"));
        Files.writeString(broken.resolve("Broken.m4b"), "m4b");
        Files.writeString(broken.resolve("intake.json"), "{ not json");

        assertThat(delivered.under(root.resolve("converted"))).isEmpty();
        assertThat(delivered.under(root.resolve("no such folder"))).isEmpty();
    }
}
