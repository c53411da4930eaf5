package org.automb.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal of temporary copies: what it writes down, what it forgets, and the only things its cleanup deletes. */
class PartialsJournalTest {

    @TempDir
    Path root;

    private final SafeMover mover = new SafeMover();

    private PartialsJournal journal() {
        return new PartialsJournal(root.resolve("work").resolve(PartialsJournal.FOLDER));
    }

    @Test
    void anEntryHoldsThePartialsAbsolutePathUntilItIsForgotten() throws Exception {
        PartialsJournal journal = journal();
        Path partial = SafeMover.partialBeside(root.resolve("converted").resolve("Book.m4b"));

        Path entry = journal.record(partial);

        assertThat(journal.entries()).containsExactly(entry);
        assertThat(Files.readString(entry, StandardCharsets.UTF_8)).isEqualTo(partial.toAbsolutePath() + "\n");
        journal.forget(entry);
        assertThat(journal.entries()).isEmpty();
    }

    @Test
    void theCleanupDeletesTheRecordedFileAndFolderPartialsThenTheirEntries() throws Exception {
        PartialsJournal journal = journal();
        Path converted = Files.createDirectories(root.resolve("converted").resolve("Author"));
        Path filePartial = SafeMover.partialBeside(converted.resolve("Book.m4b"));
        journal.record(filePartial);
        Files.writeString(filePartial, "half a book");
        Path folderPartial = SafeMover.partialBeside(converted.resolve("Book"));
        journal.record(folderPartial);
        Files.writeString(Files.createDirectories(folderPartial.resolve("CD 1")).resolve("01.mp3"), "half a track");
        Path outside = Files.writeString(root.resolve("outside.mp3"), "linked from inside the partial");
        Files.createSymbolicLink(folderPartial.resolve("link.mp3"), outside);
        Path gone = SafeMover.partialBeside(converted.resolve("Renamed.m4b"));
        journal.record(gone); // renamed into place before the entry was deleted

        assertThat(journal.removeLeftovers(mover)).isEqualTo(2);

        assertThat(filePartial).doesNotExist();
        assertThat(folderPartial).doesNotExist();
        assertThat(outside).as("a link inside is removed, not followed").hasContent("linked from inside the partial");
        assertThat(converted).isEmptyDirectory();
        assertThat(journal.entries()).isEmpty();
    }

    @Test
    void anEntryNamingAnythingButAPartialDeletesNothing() throws Exception {
        PartialsJournal journal = journal();
        Path converted = Files.createDirectories(root.resolve("converted"));
        Path book = Files.writeString(converted.resolve("Book.m4b"), "a finished book");
        Path lookalike = Files.writeString(converted.resolve(".auto-m4b-notours.partial"), "a user's file");
        Path userFolder = Files.createDirectories(converted.resolve("Author"));
        Path target = Files.writeString(root.resolve("target.m4b"), "what a link points at");
        Path link = SafeMover.partialBeside(converted.resolve("x.m4b"));
        Files.createSymbolicLink(link, target);
        Path folder = Files.createDirectories(journal().record(link).getParent());
        for (Path named : new Path[] {book, lookalike, userFolder}) {
            Files.writeString(Files.createTempFile(folder, "p-", ".path"), named + "\n");
        }
        Path relative = Path.of(SafeMover.partialBeside(Path.of("x")).getFileName().toString());
        Files.writeString(Files.createDirectories(root.resolve("cwd")).resolve(relative), "relative");
        Files.writeString(Files.createTempFile(folder, "p-", ".path"), relative + "\n");
        Path cutShort = Files.writeString(converted.resolve(SafeMover.partialBeside(book).getFileName()), "not journalled whole");
        Files.writeString(Files.createTempFile(folder, "p-", ".path"), cutShort.toString()); // no newline: cut short

        assertThat(journal.removeLeftovers(mover)).isZero();

        assertThat(book).hasContent("a finished book");
        assertThat(lookalike).hasContent("a user's file");
        assertThat(userFolder).isDirectory();
        assertThat(link).isSymbolicLink();
        assertThat(target).hasContent("what a link points at");
        assertThat(cutShort).hasContent("not journalled whole");
        assertThat(journal.entries()).as("every entry is dropped").isEmpty();
    }

    @Test
    void aCopyThatEndsWhetherWellOrBadlyLeavesNoEntry() throws Exception {
        PartialsJournal journal = journal();
        Path source = Files.writeString(root.resolve("book.m4b"), "a book");
        Path sourceFolder = Files.createDirectories(root.resolve("Book"));
        Files.writeString(sourceFolder.resolve("01.mp3"), "a track");
        Path converted = Files.createDirectories(root.resolve("converted"));
        SafeMover journalled = new SafeMover(journal);
        SafeMover damaging = new SafeMover((from, to) -> Files.writeString(to, "damaged"), new NameLimits(), journal);

        journalled.copyFile(source, converted.resolve("book.m4b"));
        journalled.copyTree(sourceFolder, converted.resolve("Book"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> damaging.copyFile(source, converted.resolve("other.m4b")))
            .isInstanceOf(SafeMover.CopyMismatchException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> damaging.copyTree(sourceFolder, converted.resolve("Other")))
            .isInstanceOf(SafeMover.CopyMismatchException.class);

        assertThat(journal.entries()).isEmpty();
        try (var names = Files.list(converted)) {
            assertThat(names.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("Book", "book.m4b");
        }
    }

    @Test
    void theNamePatternIsExactlyWhatTheMoverGives() {
        assertThat(SafeMover.isPartialName(SafeMover.partialBeside(Path.of("a", "b.m4b")).getFileName().toString())).isTrue();
        assertThat(SafeMover.isPartialName(".auto-m4b-notours.txt")).isFalse();
        assertThat(SafeMover.isPartialName(".auto-m4b-0123456789abcdef.partial.m4b")).isFalse();
        assertThat(SafeMover.isPartialName("x.auto-m4b-0123456789abcdef.partial")).isFalse();
        assertThat(SafeMover.isPartialName(".auto-m4b-0123456789ABCDEF.partial")).isFalse();
        assertThat(SafeMover.isPartialName(".auto-m4b-0123456789abcdef.partial")).isTrue();
    }
}
