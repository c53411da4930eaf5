package org.automb.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.automb.io.PartialsJournal;
import org.automb.io.SafeMover;
import org.automb.io.WorkArea;
import org.automb.jobs.store.JobStore;
import org.automb.testing.FolderChecksums;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up cleanup removes the book folders of the service's own marked area, and nothing else. */
class StartupRecoveryTest {

    @TempDir
    Path root;

    private Path working;
    private JobStore store;

    @BeforeEach
    void openStore() throws Exception {
        working = Files.createDirectories(root.resolve("working"));
        store = JobStore.open(JobStore.defaultUrl(Files.createDirectories(root.resolve("config"))), Clock.systemUTC());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private StartupRecovery recovery() {
        return new StartupRecovery(working, store, new SafeMover(), Clock.systemUTC());
    }

    @Test
    void aFirstStartCreatesAndMarksTheAreaAndLeavesTheUsersFilesAlone() throws Exception {
        Files.writeString(working.resolve("notes.txt"), "mine");
        Files.createDirectories(working.resolve("Some Book")).resolve("01.mp3").toFile().createNewFile();
        Map<String, String> before = FolderChecksums.of(working);

        recovery().recover();

        assertThat(WorkArea.isMarked(WorkArea.root(working))).isTrue();
        Map<String, String> after = FolderChecksums.of(working);
        after.remove(WorkArea.FOLDER + "/" + WorkArea.OWNER);
        assertThat(after).as("the user's files, byte for byte").isEqualTo(before);
    }

    @Test
    void leftoverBookFoldersOfTheMarkedAreaAreRemovedAndNothingElse() throws Exception {
        recovery().recover();
        Path area = WorkArea.root(working);
        String ownerBefore = Files.readString(area.resolve(WorkArea.OWNER));
        // what a killed attempt leaves: a book folder with files and a link to a source outside
        Path outside = Files.writeString(root.resolve("source.m4a"), "a source in the inbox");
        Path leftover = Files.createDirectories(area.resolve(WorkArea.bookFolderName("Killed Book")));
        Files.writeString(leftover.resolve("audio.m4a"), "half an encode");
        Files.createSymbolicLink(leftover.resolve("source-1.m4a"), outside);
        // and things the service did not make
        Files.writeString(area.resolve("b-nothex!!!!!!"), "not a generated name");
        Files.createDirectories(area.resolve("Someone's Folder"));
        Files.writeString(working.resolve("b-0123456789ab"), "a generated-looking name outside the area");

        recovery().recover();

        assertThat(leftover).doesNotExist();
        assertThat(outside).as("a link's target is not followed").hasContent("a source in the inbox");
        assertThat(area.resolve("b-nothex!!!!!!")).exists();
        assertThat(area.resolve("Someone's Folder")).isDirectory();
        assertThat(working.resolve("b-0123456789ab")).hasContent("a generated-looking name outside the area");
        assertThat(area.resolve(WorkArea.OWNER)).as("the mark is kept as it was").hasContent(ownerBefore);
    }

    /** What a {@code kill -9} does to a copy: it stops mid-way, nothing catches it, nothing cleans up. */
    private static final class Killed extends Error {
    }

    @Test
    void theCopiesAKilledRunLeftBesideTheirTargetsAreRemovedAndNothingElse() throws Exception {
        recovery().recover();
        Path converted = Files.createDirectories(root.resolve("converted").resolve("Author"));
        Path target = Files.writeString(converted.resolve("Book.m4b"), "the book delivered before");
        Files.writeString(converted.resolve(".auto-m4b-notours.txt"), "a user's file named like ours");
        Files.writeString(SafeMover.partialBeside(converted.resolve("Other.m4b")), "a partial the journal does not name");
        Path source = Files.writeString(root.resolve("new.m4b"), "the book delivered again, longer");
        Path sourceFolder = Files.createDirectories(root.resolve("Book Folder"));
        Files.writeString(sourceFolder.resolve("01.mp3"), "track one");
        Map<String, String> before = FolderChecksums.of(root.resolve("converted"));
        SafeMover killedMidCopy = new SafeMover((from, to) -> {
            Files.write(to, Files.readAllBytes(from), java.nio.file.StandardOpenOption.CREATE_NEW);
            throw new Killed();
        }, new org.automb.io.NameLimits(), PartialsJournal.inWorkingFolder(working));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> killedMidCopy.copyFile(source, target)).isInstanceOf(Killed.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> killedMidCopy.copyTree(sourceFolder, converted.resolve("Folder")))
            .isInstanceOf(Killed.class);
        assertThat(FolderChecksums.of(root.resolve("converted"))).as("the kill left partials").hasSize(before.size() + 2);

        recovery().recover();

        assertThat(FolderChecksums.of(root.resolve("converted"))).as("every other file, byte for byte").isEqualTo(before);
        assertThat(converted.resolve("Folder")).doesNotExist();
        try (var entries = Files.list(converted)) {
            assertThat(entries.filter(Files::isDirectory).toList()).as("no partial folder").isEmpty();
        }
        try (var entries = Files.list(WorkArea.root(working).resolve(PartialsJournal.FOLDER))) {
            assertThat(entries.toList()).as("the journal is emptied").isEmpty();
        }
        assertThat(source).as("a copy's source is kept").hasContent("the book delivered again, longer");
    }

    @Test
    void aWorkingFolderSetToAFolderOfBooksLosesNothing() throws Exception {
        // WORKING_FOLDER set by mistake to the inbox (or a parent of it): books, and even a folder named like scratch
        Files.writeString(Files.createDirectories(working.resolve("Book A")).resolve("a.mp3"), "audio a");
        Files.writeString(Files.createDirectories(working.resolve("b-0123456789ab")).resolve("b.mp3"), "audio b");
        Files.writeString(Files.createDirectories(working.resolve("converted").resolve("Old")).resolve("Old.m4b"), "old");
        Map<String, String> before = FolderChecksums.of(working);

        recovery().recover();
        recovery().recover();

        Map<String, String> after = FolderChecksums.of(working);
        after.remove(WorkArea.FOLDER + "/" + WorkArea.OWNER);
        assertThat(after).isEqualTo(before);
    }

    @Test
    void anAreaTheServiceDidNotMarkIsLeftAlone() throws Exception {
        Path area = Files.createDirectories(WorkArea.root(working));
        Path look = Files.createDirectories(area.resolve(WorkArea.bookFolderName("x")));
        Files.writeString(look.resolve("keep.txt"), "not the service's");

        recovery().recover();

        assertThat(look.resolve("keep.txt")).hasContent("not the service's");
        assertThat(WorkArea.isMarked(area)).as("not taken over").isFalse();
    }

    @Test
    void anEmptyUnmarkedAreaIsMarked() throws Exception {
        // a start that died between creating the area and marking it
        Path area = Files.createDirectories(WorkArea.root(working));
        Files.writeString(area.resolve(WorkArea.OWNER + ".new"), "half");

        recovery().recover();

        assertThat(WorkArea.isMarked(area)).isTrue();
        assertThat(area.resolve(WorkArea.OWNER + ".new")).doesNotExist();
    }

    @Test
    void anOwnerFileTheServiceDidNotWriteIsNoMark() throws Exception {
        Path area = Files.createDirectories(WorkArea.root(working));
        Files.writeString(area.resolve(WorkArea.OWNER), "me");
        Path folder = Files.createDirectories(area.resolve(WorkArea.bookFolderName("y")));

        recovery().recover();

        assertThat(folder).exists();
    }
}
