package org.automb.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.automb.intake.Book;
import org.automb.io.SafeMover;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailedBookMoverTest {

    private static final Instant AT = Instant.parse("2024-03-05T14:07:09Z");

    @TempDir
    Path root;
    private Path inbox;
    private Path failed;
    private FailedBookMover mover;

    @BeforeEach
    void folders() throws IOException {
        inbox = Files.createDirectories(root.resolve("inbox"));
        failed = root.resolve("failed");
        mover = new FailedBookMover(failed, new SafeMover(), ZoneOffset.UTC);
    }

    @Test
    void aFolderBookMovesWholeIntoNameAndTimeWithItsInfoFile() throws IOException {
        Path folder = inbox.resolve("Series/My Book");
        write(folder.resolve("CD1/01.mp3"), "one");
        write(folder.resolve("CD2/01.mp3"), "two");
        write(folder.resolve("cover.jpg"), "jpeg");
        Map<String, String> before = checksums(folder);
        Book book = new Book("Series/My Book", "My Book", folder,
            List.of(folder.resolve("CD1/01.mp3"), folder.resolve("CD2/01.mp3")), List.of(folder.resolve("cover.jpg")), false);

        Path target = mover.moveToFailed(book, report("My Book", false, 1, 3, ""));

        assertThat(target).isEqualTo(failed.resolve("My Book_2024-03-05_14-07-09"));
        assertThat(folder).doesNotExist();
        Map<String, String> after = checksums(target);
        assertThat(after).containsKey(FailedBookMover.INFO_FILE);
        after.remove(FailedBookMover.INFO_FILE);
        assertThat(after).as("every file, byte for byte, in its place").isEqualTo(before);
    }

    @Test
    void theFolderTimeIsInTheConfiguredZone() throws IOException {
        FailedBookMover paris = new FailedBookMover(failed, new SafeMover(), ZoneId.of("Europe/Paris"));
        Book book = folderBook("Book");

        Path target = paris.moveToFailed(book, report("Book", false, 1, 3, ""));

        assertThat(target.getFileName().toString()).isEqualTo("Book_2024-03-05_15-07-09");
        assertThat(info(target)).contains("Failed at:    2024-03-05 15:07:09 CET");
    }

    @Test
    void aLooseFileBookMovesOnlyItsOwnFiles() throws IOException {
        Path audio = write(inbox.resolve("Loose.mp3"), "audio");
        Path cover = write(inbox.resolve("Loose.jpg"), "jpeg");
        write(inbox.resolve("Other.mp3"), "another book");
        Book book = new Book("Loose.mp3", "Loose", audio, List.of(audio), List.of(cover), true);

        Path target = mover.moveToFailed(book, report("Loose", false, 1, 3, ""));

        assertThat(target).isEqualTo(failed.resolve("Loose_2024-03-05_14-07-09"));
        assertThat(names(target)).containsExactly(FailedBookMover.INFO_FILE, "Loose.jpg", "Loose.mp3");
        assertThat(Files.readString(target.resolve("Loose.mp3"))).isEqualTo("audio");
        assertThat(names(inbox)).as("the other book stays").containsExactly("Other.mp3");
        assertThat(info(target)).contains("Book key:     Loose.mp3");
    }

    @Test
    void nameCollisionsGetANumber() throws IOException {
        Path first = mover.moveToFailed(folderBook("A/Book"), report("Book", false, 1, 3, ""));
        Path second = mover.moveToFailed(folderBook("B/Book"), report("Book", false, 1, 3, ""));
        Path third = mover.moveToFailed(folderBook("C/Book"), report("Book", false, 1, 3, ""));

        assertThat(List.of(first, second, third)).extracting(p -> p.getFileName().toString())
            .containsExactly("Book_2024-03-05_14-07-09", "Book_2024-03-05_14-07-09_2", "Book_2024-03-05_14-07-09_3");
        assertThat(info(second)).contains("Book key:     B/Book");
        assertThat(info(first)).contains("Book key:     A/Book");
    }

    @Test
    void aNameNeverLeavesTheFailedFolder() throws IOException {
        Book dots = named(folderBook("x"), "..");
        Path target = mover.moveToFailed(dots, report("..", false, 1, 3, ""));
        assertThat(target.getParent()).isEqualTo(failed);
        assertThat(target.getFileName().toString()).isEqualTo("book_2024-03-05_14-07-09");

        Book slashed = named(folderBook("y"), "AC/DC");
        Path slashedTarget = mover.moveToFailed(slashed, report("AC/DC", false, 1, 3, ""));
        assertThat(slashedTarget.getParent()).isEqualTo(failed);
        assertThat(slashedTarget.getFileName().toString()).isEqualTo("AC_DC_2024-03-05_14-07-09");
    }

    private static Book named(Book book, String name) {
        return new Book(book.key(), name, book.root(), book.audioFiles(), book.extraFiles(), book.looseFile());
    }

    @Test
    void theInfoFileOfAPermanentFailureQuotesFfmpeg() throws IOException {
        Path target = mover.moveToFailed(folderBook("Series/Bad Book"),
            new FailedBookMover.FailureReport("Bad Book", AT, false, 1, 3,
                "book 'Series/Bad Book', file '02.mp3': ffprobe cannot read the file: it is not valid audio",
                "[mp3 @ 0x1] Failed to find two consecutive MPEG audio frames.\n02.mp3: Invalid data found when processing input"));

        String info = info(target);
        assertThat(info).contains(
            "Book name:    Bad Book",
            "Book key:     Series/Bad Book",
            "Failed at:    2024-03-05 14:07:09 Z",
            "Error type:   permanent",
            "Attempts:     1 (max retries 3)",
            "Failure reason:\n  book 'Series/Bad Book', file '02.mp3': ffprobe cannot read the file: it is not valid audio",
            "Last lines from ffmpeg / details:\n  [mp3 @ 0x1] Failed to find two consecutive MPEG audio frames.\n"
                + "  02.mp3: Invalid data found when processing input",
            "Recovery steps:",
            "Move this folder back into the inbox (you may keep or delete this FAILED_INFO.txt)",
            "attempt counter reset");
        assertThat(info.indexOf("Failure reason:")).isLessThan(info.indexOf("Last lines"));
        assertThat(info.indexOf("Last lines")).isLessThan(info.indexOf("Recovery steps:"));
    }

    @Test
    void theInfoFileNamesTheFilesWhereTheyAreNow() throws IOException {
        Book book = folderBook("Series/Moved Book");
        Path inInbox = book.root().resolve("01.mp3");

        Path target = mover.moveToFailed(book, new FailedBookMover.FailureReport("Moved Book", AT, false, 1, 3,
            "book 'Series/Moved Book', file '01.mp3': it is not valid audio",
            inInbox + ": Invalid data found when processing input"));

        assertThat(info(target)).contains(target.resolve("01.mp3") + ": Invalid data found when processing input")
            .doesNotContain(inInbox.toString());
    }

    @Test
    void aLooseFilesInfoNamesItWhereItIsNow() throws IOException {
        Path file = write(inbox.resolve("Loose Book.mp3"), "audio");
        Book book = new Book("Loose Book.mp3", "Loose Book", file, List.of(file), List.of(), true);

        Path target = mover.moveToFailed(book, new FailedBookMover.FailureReport("Loose Book", AT, false, 1, 3,
            "the reason", file + ": Invalid data found when processing input"));

        assertThat(info(target)).contains(target.resolve("Loose Book.mp3") + ": Invalid data")
            .doesNotContain(inbox.toString());
    }

    @Test
    void theInfoFileOfATransientFailureSaysTheRetriesAreUsedUp() throws IOException {
        Path target = mover.moveToFailed(folderBook("Book"), report("Book", true, 4, 3, ""));

        String info = info(target);
        assertThat(info).contains("Error type:   transient (retries used up)", "Attempts:     4 (max retries 3)",
            "Failure reason:\n  the reason");
        assertThat(info).as("no empty details section").doesNotContain("Last lines");
    }

    @Test
    void aBookNameTooLongForItsTimeIsShortenedToFitAndEachFolderStaysApart() throws IOException {
        String name = "L".repeat(250);
        Book book = folderBook(name);
        Map<String, String> before = checksums(book.root());

        Path first = mover.moveToFailed(book, report(name, false, 1, 3, ""));
        Path second = mover.moveToFailed(folderBook(name), report(name, false, 1, 3, ""));

        for (Path target : List.of(first, second)) {
            assertThat(target.getParent()).isEqualTo(failed);
            assertThat(target.getFileName().toString().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
            assertThat(target.getFileName().toString()).startsWith("LLLL").contains("_2024-03-05_14-07-09");
        }
        assertThat(first).isNotEqualTo(second);
        assertThat(second.getFileName().toString()).endsWith("_2024-03-05_14-07-09_2");
        Map<String, String> after = checksums(first);
        after.remove(FailedBookMover.INFO_FILE);
        assertThat(after).isEqualTo(before);
        assertThat(info(first)).as("the report keeps the whole name").contains("Book name:    " + name);
    }

    @Test
    void aLooseFileTooLongForTheFailedFoldersFileSystemIsShortened() throws IOException {
        String stem = "S".repeat(200);
        Path audio = write(inbox.resolve(stem + ".mp3"), "audio");
        Book book = new Book(stem + ".mp3", stem, audio, List.of(audio), List.of(), true);
        // the failed folder on a file system with eCryptfs' 143-byte names
        var ecryptfs = new org.automb.io.NameLimits(file -> {
            if (file.getFileName().toString().length() > 143) {
                throw new java.nio.file.FileSystemException(file.toString(), null, "File name too long");
            }
        });
        FailedBookMover shortNames = new FailedBookMover(failed, new SafeMover((a, b) -> Files.copy(a, b), ecryptfs), ZoneOffset.UTC);
        Files.createDirectories(failed);

        Path target = shortNames.moveToFailed(book, report(stem, false, 1, 3, ""));

        assertThat(target.getFileName().toString()).hasSizeLessThanOrEqualTo(143).endsWith("_2024-03-05_14-07-09");
        String written = org.automb.io.FileNames.fitFile(stem + ".mp3", 143);
        assertThat(names(target)).containsExactly(FailedBookMover.INFO_FILE, written);
        assertThat(target.resolve(written)).hasContent("audio");
        assertThat(audio).doesNotExist();
    }

    private static FailedBookMover.FailureReport report(String name, boolean transientError, int attempts, int maxRetries,
                                                        String details) {
        return new FailedBookMover.FailureReport(name, AT, transientError, attempts, maxRetries, "the reason", details);
    }

    /** A one-file book folder at {@code inbox/<key>}. */
    private Book folderBook(String key) throws IOException {
        Path folder = inbox.resolve(key);
        Path audio = folder.resolve("01.mp3");
        if (!Files.exists(audio)) {
            write(audio, "audio of " + key);
        }
        return new Book(key, folder.getFileName().toString(), folder, List.of(audio), List.of(), false);
    }

    private static String info(Path folder) throws IOException {
        return Files.readString(folder.resolve(FailedBookMover.INFO_FILE), StandardCharsets.UTF_8);
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Map<String, String> checksums(Path folder) throws IOException {
        return org.automb.testing.FolderChecksums.of(folder);
    }
}
