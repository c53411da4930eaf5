package org.automb.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SafeMover: moves and copies that never leave a book half there, on one file system or across two. */
class SafeMoverTest {

    private final SafeMover mover = new SafeMover();

    @TempDir
    Path tmp;

    /** A folder on another file system (tmpfs), for the copy-verify-delete paths; null when there is none. */
    private Path otherFileSystem;

    @AfterEach
    void cleanOtherFileSystem() throws IOException {
        if (otherFileSystem != null) {
            mover.deleteTree(otherFileSystem);
        }
    }

    private Path otherFileSystem() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeThat(Files.isDirectory(shm) && Files.isWritable(shm)).as("/dev/shm is writable").isTrue();
        otherFileSystem = Files.createTempDirectory(shm, "safemover");
        assumeThat(Files.getFileStore(otherFileSystem)).as("a second file system").isNotEqualTo(Files.getFileStore(tmp));
        return otherFileSystem;
    }

    /** A book folder with nested discs, a cover, an empty file and an odd name. */
    private Path book(Path parent) throws IOException {
        Path book = parent.resolve("Author - Book 'One' \"$(x)\" ü");
        write(book.resolve("Disc 1/01.mp3"), "first part of the audio");
        write(book.resolve("Disc 2/01.mp3"), "second part, a little longer");
        write(book.resolve("cover.jpg"), "jpeg");
        write(book.resolve("empty.txt"), "");
        return book;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static Map<String, String> checksums(Path folder) throws IOException {
        return org.automb.testing.FolderChecksums.of(folder);
    }

    // --- moveTree ---

    @Test
    void moveTreeMovesAFolderWhole() throws IOException {
        Path book = book(tmp.resolve("inbox"));
        Map<String, String> before = checksums(book);
        Path target = tmp.resolve("archive/Series/Book");

        mover.moveTree(book, target);

        assertThat(book).doesNotExist();
        assertThat(checksums(target)).isEqualTo(before);
    }

    @Test
    void moveTreeAcrossFileSystemsCopiesChecksThenDeletes() throws IOException {
        Path book = book(tmp.resolve("inbox"));
        Map<String, String> before = checksums(book);
        Path target = otherFileSystem().resolve("archive/Book");

        mover.moveTree(book, target);

        assertThat(book).doesNotExist();
        assertThat(checksums(target)).isEqualTo(before);
    }

    @Test
    void moveTreeMovesASingleFile() throws IOException {
        Path file = tmp.resolve("inbox/Loose.mp3");
        write(file, "audio");

        mover.moveTree(file, tmp.resolve("archive/Loose/Loose.mp3"));

        assertThat(file).doesNotExist();
        assertThat(tmp.resolve("archive/Loose/Loose.mp3")).hasContent("audio");
    }

    // --- moveFilesInto ---

    @Test
    void moveFilesIntoMovesOnlyTheNamedFilesToTheirPlacesUnderTheTarget() throws IOException {
        Path book = book(tmp.resolve("inbox"));
        Path target = tmp.resolve("archive/Book");

        mover.moveFilesInto(java.util.List.of(book.resolve("Disc 2/01.mp3"), book.resolve("cover.jpg")), book, target,
            Map.of());

        assertThat(target.resolve("Disc 2/01.mp3")).hasContent("second part, a little longer");
        assertThat(target.resolve("cover.jpg")).hasContent("jpeg");
        assertThat(book.resolve("Disc 2/01.mp3")).doesNotExist();
        assertThat(book.resolve("Disc 1/01.mp3")).as("not named: stays").hasContent("first part of the audio");
    }

    @Test
    void moveFilesIntoShortensNamesTheTargetCannotHold() throws IOException {
        String longName = "Chapter ".repeat(20) + ".mp3"; // 164 bytes: too long for eCryptfs
        Path file = tmp.resolve("inbox/" + longName);
        write(file, "a chapter");
        NameLimits ecryptfs = new NameLimits(probe -> {
            if (probe.getFileName().toString().length() > 143) {
                throw new java.nio.file.FileSystemException(probe.toString(), null, "File name too long");
            }
        });
        Path target = tmp.resolve("failed/Loose");

        new SafeMover((source, copy) -> Files.copy(source, copy), ecryptfs)
            .moveFilesInto(java.util.List.of(file), file.getParent(), target, Map.of());

        assertThat(target.resolve(FileNames.fitFile(longName, 143))).hasContent("a chapter");
        assertThat(file).doesNotExist();
    }

    // --- moveFile ---

    @Test
    void moveFileAcrossFileSystemsLeavesNoPartialFile() throws IOException {
        Path file = tmp.resolve("working/output.m4b");
        write(file, "the finished book");
        Path target = otherFileSystem().resolve("converted/Book/Book.m4b");

        mover.moveFile(file, target);

        assertThat(file).doesNotExist();
        assertThat(target).hasContent("the finished book");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("Book.m4b");
        }
    }

    @Test
    void moveFileOnOneFileSystem() throws IOException {
        Path file = tmp.resolve("working/output.m4b");
        write(file, "the finished book");

        mover.moveFile(file, tmp.resolve("converted/Book/Book.m4b"));

        assertThat(file).doesNotExist();
        assertThat(tmp.resolve("converted/Book/Book.m4b")).hasContent("the finished book");
    }

    // --- copyTree ---

    @Test
    void copyTreeCopiesEveryFileAndKeepsTheSource() throws IOException {
        Path book = book(tmp.resolve("inbox"));
        Map<String, String> before = checksums(book);
        Path target = tmp.resolve("backup/Book");

        mover.copyTree(book, target);

        assertThat(checksums(book)).isEqualTo(before);
        assertThat(checksums(target)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(target.resolve("cover.jpg")).toMillis())
            .as("times are kept").isEqualTo(Files.getLastModifiedTime(book.resolve("cover.jpg")).toMillis());
    }

    @Test
    void copyTreeAcrossFileSystems() throws IOException {
        Path book = book(tmp.resolve("inbox"));
        Path target = otherFileSystem().resolve("backup/Book");

        mover.copyTree(book, target);

        assertThat(checksums(target)).isEqualTo(checksums(book));
    }

    @Test
    void copyTreeCopiesASingleFile() throws IOException {
        Path file = tmp.resolve("inbox/Loose.mp3");
        write(file, "audio");

        mover.copyTree(file, tmp.resolve("backup/Loose/Loose.mp3"));

        assertThat(file).hasContent("audio");
        assertThat(tmp.resolve("backup/Loose/Loose.mp3")).hasContent("audio");
    }

    @Test
    void copyTreeNeverOverwritesAnExistingFile() throws IOException {
        Path book = book(tmp.resolve("inbox"));
        Path target = tmp.resolve("backup/Book");
        write(target.resolve("cover.jpg"), "an older backup");

        assertThatThrownBy(() -> mover.copyTree(book, target)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(target.resolve("cover.jpg")).hasContent("an older backup");
    }

    // --- verifySameFiles ---

    @Test
    void verifySameFilesAcceptsAFaithfulCopy() throws IOException {
        Path book = book(tmp.resolve("inbox"));
        Path copy = tmp.resolve("copy");
        mover.copyTree(book, copy);
        write(copy.resolve("extra.txt"), "more in the target is fine");

        mover.verifySameFiles(book, copy);
    }

    @Test
    void verifySameFilesRefusesAMissingFile() throws IOException {
        Path book = book(tmp.resolve("inbox"));
        Path copy = tmp.resolve("copy");
        mover.copyTree(book, copy);
        Files.delete(copy.resolve("Disc 2/01.mp3"));

        assertThatThrownBy(() -> mover.verifySameFiles(book, copy)).isInstanceOf(IOException.class)
            .hasMessageContaining("Disc 2/01.mp3").hasMessageContaining("missing or has the wrong size");
    }

    @Test
    void verifySameFilesRefusesAFileOfAnotherSize() throws IOException {
        Path book = book(tmp.resolve("inbox"));
        Path copy = tmp.resolve("copy");
        mover.copyTree(book, copy);
        write(copy.resolve("Disc 1/01.mp3"), "cut");

        assertThatThrownBy(() -> mover.verifySameFiles(book, copy)).isInstanceOf(IOException.class)
            .hasMessageContaining("Disc 1/01.mp3");
    }

    @Test
    void verifySameFilesComparesSingleFiles() throws IOException {
        Path file = tmp.resolve("a.mp3");
        write(file, "audio");
        write(tmp.resolve("b.mp3"), "audio");
        write(tmp.resolve("c.mp3"), "longer audio");

        mover.verifySameFiles(file, tmp.resolve("b.mp3"));
        assertThatThrownBy(() -> mover.verifySameFiles(file, tmp.resolve("c.mp3"))).isInstanceOf(IOException.class);
    }

    // --- names and checks by content ---

    /** The test hook: a copier whose copies have one byte flipped, as a bad cable or bad RAM would leave them. */
    private static SafeMover corrupting(NameLimits limits) {
        return new SafeMover((source, target) -> {
            Files.copy(source, target);
            byte[] bytes = Files.readAllBytes(target);
            if (bytes.length > 0) {
                bytes[bytes.length / 2] ^= 0x01;
                Files.write(target, bytes);
            }
        }, limits);
    }

    private static java.util.List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aTemporaryNameNeverAddsToALongName() throws IOException {
        Path file = tmp.resolve("working/output.m4b");
        write(file, "the finished book");
        String longName = "n".repeat(251) + ".m4b"; // 255 bytes: room for nothing more
        Path target = otherFileSystem().resolve("converted/Book/" + longName);

        mover.moveFile(file, target);

        assertThat(target).hasContent("the finished book");
        assertThat(namesIn(target.getParent())).containsExactly(longName);
        assertThat(SafeMover.partialBeside(target).getFileName().toString()).matches("\\.auto-m4b-[0-9a-f]{16}\\.partial");
    }

    @Test
    void aCopyThatDiffersKeepsTheSourceAndLeavesNoCopy() throws IOException {
        Path book = book(tmp.resolve("inbox"));
        Map<String, String> before = checksums(book);
        Path archive = otherFileSystem().resolve("archive");
        Files.createDirectories(archive);
        SafeMover damaging = corrupting(new NameLimits());

        assertThatThrownBy(() -> damaging.moveTree(book, archive.resolve("Book")))
            .isInstanceOf(SafeMover.CopyMismatchException.class).hasMessageContaining("differs from the original")
            .satisfies(e -> assertThat(((SafeMover.CopyMismatchException) e).original()).startsWith(book));

        assertThat(checksums(book)).as("the source, byte for byte").isEqualTo(before);
        assertThat(namesIn(archive)).as("no copy, whole or half").isEmpty();
    }

    @Test
    void aSingleFileWhoseCopyDiffersIsKept() throws IOException {
        Path file = tmp.resolve("inbox/Loose.mp3");
        write(file, "the only copy of the audio");
        Path archive = otherFileSystem().resolve("archive/Loose");
        SafeMover damaging = corrupting(new NameLimits());

        assertThatThrownBy(() -> damaging.moveFile(file, archive.resolve("Loose.mp3")))
            .isInstanceOf(SafeMover.CopyMismatchException.class).hasMessageContaining(file.toString());
        assertThatThrownBy(() -> damaging.copyTree(file, tmp.resolve("backup/Loose.mp3")))
            .isInstanceOf(SafeMover.CopyMismatchException.class);

        assertThat(file).hasContent("the only copy of the audio");
        assertThat(namesIn(archive)).isEmpty();
        assertThat(namesIn(tmp.resolve("backup"))).isEmpty();
    }

    @Test
    void aKnownChecksumIsWhatTheCopyIsComparedWith() throws IOException {
        Path book = book(tmp.resolve("inbox"));
        Path disc1 = book.resolve("Disc 1/01.mp3");
        Path other = otherFileSystem();

        // a checksum taken before the file changed: the copy is of other bytes, so the source stays
        assertThatThrownBy(() -> mover.moveTree(book, other.resolve("a/Book"), Map.of(disc1, "0".repeat(64))))
            .isInstanceOf(SafeMover.CopyMismatchException.class).hasMessageContaining("Disc 1/01.mp3");
        assertThat(book).exists();
        assertThat(other.resolve("a")).isEmptyDirectory();

        Map<String, String> before = checksums(book);
        mover.moveTree(book, other.resolve("b/Book"), Map.of(disc1, org.automb.io.Sha256.of(disc1)));
        assertThat(checksums(other.resolve("b/Book"))).isEqualTo(before);
    }

    @Test
    void aCopiedTreeTakesNamesTheTargetCanHold() throws IOException {
        Path book = book(tmp.resolve("inbox"));
        String longName = "Chapter ".repeat(20) + ".mp3"; // 164 bytes: too long for eCryptfs
        write(book.resolve(longName), "a chapter");
        NameLimits ecryptfs = new NameLimits(file -> {
            if (file.getFileName().toString().length() > 143) {
                throw new java.nio.file.FileSystemException(file.toString(), null, "File name too long");
            }
        });
        Path target = otherFileSystem().resolve("archive/Book");

        new SafeMover((source, copy) -> Files.copy(source, copy), ecryptfs).moveTree(book, target);

        String written = FileNames.fitFile(longName, 143);
        assertThat(written).hasSizeLessThanOrEqualTo(143).endsWith(".mp3");
        assertThat(target.resolve(written)).hasContent("a chapter");
        assertThat(target.resolve("Disc 2/01.mp3")).hasContent("second part, a little longer");
        assertThat(book).doesNotExist();
    }

    // --- deleteTree ---

    @Test
    void deleteTreeRemovesEverythingAndIgnoresWhatIsNotThere() throws IOException {
        Path book = book(tmp.resolve("inbox"));

        mover.deleteTree(book);
        mover.deleteTree(tmp.resolve("never-existed"));

        assertThat(book).doesNotExist();
        assertThat(tmp.resolve("inbox")).isEmptyDirectory();
    }

    @Test
    void deleteTreeRemovesASymlinkNotWhatItPointsTo() throws IOException {
        Path keep = tmp.resolve("keep/file.mp3");
        write(keep, "keep me");
        Path work = tmp.resolve("working/book");
        Files.createDirectories(work);
        Files.createSymbolicLink(work.resolve("source-1.m4a"), keep);
        Files.createSymbolicLink(work.resolve("folder-link"), keep.getParent());

        mover.deleteTree(work);

        assertThat(work).doesNotExist();
        assertThat(keep).hasContent("keep me");
    }
}
