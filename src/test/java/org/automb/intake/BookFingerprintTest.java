package org.automb.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BookFingerprintTest {

    @TempDir
    Path inbox;

    private Book onlyBook() {
        return new BookFinder(Set.of("mp3"), Optional.empty()).scan(inbox).books().get(0);
    }

    @Test
    void coversEveryFileOfTheFolderButJunkAndIncludesDownloadsInProgress() throws IOException {
        new InboxTree(inbox).files("Book/Disc 1/01.mp3", "Book/cover.jpg", "Book/notes.m3u", "Book/02.mp3.part",
                "Book/.DS_Store", "Book/._01.mp3", "Book/__MACOSX/x.mp3");

        BookFingerprint fingerprint = BookFingerprint.of(onlyBook());

        assertThat(fingerprint.files()).extracting(BookFingerprint.FileState::relativePath)
                .containsExactly("02.mp3.part", "Disc 1/01.mp3", "cover.jpg", "notes.m3u");
        assertThat(fingerprint.files()).filteredOn(BookFingerprint.FileState::audio)
                .extracting(BookFingerprint.FileState::relativePath).containsExactly("Disc 1/01.mp3");
    }

    @Test
    void aLooseFileCoversTheFileAndItsCompanions() throws IOException {
        new InboxTree(inbox).files("Title.mp3", "Title.jpg", "Other.jpg");

        BookFingerprint fingerprint = BookFingerprint.of(onlyBook());

        assertThat(fingerprint.files()).extracting(BookFingerprint.FileState::relativePath)
                .containsExactly("Title.jpg", "Title.mp3");
    }

    @Test
    void recordsSizeAndModificationTime() throws IOException {
        Path file = new InboxTree(inbox).files("Book/01.mp3").path("Book/01.mp3");
        Files.write(file, new byte[42]);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-05-06T07:08:09Z")));

        BookFingerprint fingerprint = BookFingerprint.of(onlyBook());

        assertThat(fingerprint.files()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("identity")
                .containsExactly(new BookFingerprint.FileState("01.mp3", 42,
                Instant.parse("2024-05-06T07:08:09Z").toEpochMilli(), true));
        assertThat(fingerprint.lastModifiedMillis()).hasValue(Instant.parse("2024-05-06T07:08:09Z").toEpochMilli());
    }

    @Test
    void contentHashDependsOnAudioPathsAndSizesOnly() throws IOException {
        InboxTree tree = new InboxTree(inbox).files("Book/01.mp3", "Book/02.mp3", "Book/cover.jpg");
        String before = BookFingerprint.of(onlyBook()).contentHash();

        Files.write(tree.path("Book/cover.jpg"), new byte[100]);
        Files.setLastModifiedTime(tree.path("Book/01.mp3"), FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        String sameAudio = BookFingerprint.of(onlyBook()).contentHash();

        Files.write(tree.path("Book/02.mp3"), new byte[1]);
        String biggerAudio = BookFingerprint.of(onlyBook()).contentHash();

        assertThat(before).hasSize(64).matches("[0-9a-f]+");
        assertThat(sameAudio).isEqualTo(before);
        assertThat(biggerAudio).isNotEqualTo(before);
    }

    @Test
    void contentHashIsTheSameForTheSameBookInAnotherInbox(@TempDir Path otherInbox) throws IOException {
        new InboxTree(inbox).files("Book/CD 1/01.mp3");
        new InboxTree(otherInbox).files("Book/CD 1/01.mp3", "Book/cover.jpg");
        Book other = new BookFinder(Set.of("mp3"), Optional.empty()).scan(otherInbox).books().get(0);

        assertThat(BookFingerprint.of(onlyBook()).contentHash()).isEqualTo(BookFingerprint.of(other).contentHash());
    }

    @Test
    void aVanishedBookHasAnEmptyFingerprintInsteadOfAnError() throws IOException {
        InboxTree tree = new InboxTree(inbox).files("Book/01.mp3");
        Book book = onlyBook();
        Files.delete(tree.path("Book/01.mp3"));
        Files.delete(tree.path("Book"));

        BookFingerprint fingerprint = BookFingerprint.of(book);

        assertThat(fingerprint.files()).isEmpty();
        assertThat(fingerprint.hasAudio()).isFalse();
        assertThat(fingerprint.contentHash()).hasSize(64);
    }

    @Test
    void equalFingerprintsAreEqualRecords() {
        var state = new BookFingerprint.FileState("a.mp3", 1, 2, true);

        assertThat(new BookFingerprint(List.of(state))).isEqualTo(new BookFingerprint(List.of(state)));
    }

    @Test
    void aFileReplacedByARenameWithTheSameSizeAndTimeIsAChange() throws IOException {
        InboxTree tree = new InboxTree(inbox).files("Book/01.mp3", "Book/02.mp3");
        Path two = tree.path("Book/02.mp3");
        Files.write(two, new byte[100]);
        Book book = onlyBook();
        BookFingerprint before = BookFingerprint.of(book);
        Path replacement = Files.write(inbox.resolve("replacement.tmp"), new byte[100]);
        Files.setLastModifiedTime(replacement, Files.getLastModifiedTime(two));
        Files.move(replacement, two, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        BookFingerprint after = BookFingerprint.of(book);

        assertThat(after.files()).extracting(BookFingerprint.FileState::size, BookFingerprint.FileState::modifiedMillis)
                .as("size and time alone do not tell").isEqualTo(before.files().stream()
                        .map(f -> org.assertj.core.groups.Tuple.tuple(f.size(), f.modifiedMillis())).toList());
        assertThat(after).isNotEqualTo(before);
        assertThat(before.changesTo(after)).containsExactly("02.mp3 was replaced");
        assertThat(before.unchangedFiles(book)).containsExactly(tree.path("Book/01.mp3"));
    }

    @Test
    void changesNameEachFileRemovedRewrittenOrNew() throws IOException {
        InboxTree tree = new InboxTree(inbox).files("Book/01.mp3", "Book/02.mp3", "Book/03.mp3");
        Book book = onlyBook();
        BookFingerprint before = BookFingerprint.of(book);
        Files.delete(tree.path("Book/01.mp3"));
        Files.write(tree.path("Book/02.mp3"), new byte[7]);
        Files.write(inbox.resolve("Book/04.mp3"), new byte[1]);

        BookFingerprint after = BookFingerprint.of(book);

        assertThat(before.changesTo(after)).containsExactly("01.mp3 was removed", "02.mp3 was rewritten", "04.mp3 is new");
        assertThat(before.changesTo(before)).isEmpty();
        assertThat(before.unchangedFiles(book)).as("what the attempt read and may move")
                .containsExactly(tree.path("Book/03.mp3"));
    }
}
