package org.automb.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.automb.config.Settings;
import org.automb.config.SettingsCatalog;
import org.automb.deliver.OutputLayout;
import org.automb.io.SafeMover;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.automb.testing.FolderChecksums;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a book's originals are found for a retry or reprocess, and that bringing them back never loses a file. */
class InboxReturnsTest {

    @TempDir
    Path root;

    @Test
    void aFailedFolderGoesBackWholeWithoutItsFailureReport() throws IOException {
        InboxReturns returns = returns("archive");
        Path failedFolder = folderWith(root.resolve("failed/Book_2026-01-02_03-04-05"), "01.mp3", "cover.jpg",
            "FAILED_INFO.txt");

        assertThat(returns.bringBack(failed("Series/Book", failedFolder), false)).isEqualTo(InboxReturns.Source.FAILED_FOLDER);

        assertThat(FolderChecksums.of(root.resolve("inbox/Series/Book"))).containsOnlyKeys("01.mp3", "cover.jpg");
        assertThat(root.resolve("failed")).isEmptyDirectory();
    }

    @Test
    void somethingInTheBooksInboxPlaceRefusesTheMoveAndLeavesTheFailedFolderAsItWas() throws IOException {
        InboxReturns returns = returns("archive");
        Path failedFolder = folderWith(root.resolve("failed/Book_2026-01-02_03-04-05"), "01.mp3", "FAILED_INFO.txt");
        Map<String, String> before = FolderChecksums.of(failedFolder);
        Files.createDirectories(root.resolve("inbox"));
        Files.writeString(root.resolve("inbox/Book.mp3"), "a loose file read as the same book");

        assertThatThrownBy(() -> returns.bringBack(failed("Book", failedFolder), false))
            .isInstanceOfSatisfying(ActionRefused.class, refused -> {
                assertThat(refused.kind()).isEqualTo(ActionRefused.Kind.CONFLICT);
                assertThat(refused.detail()).contains("book 'Book'").contains("already occupies");
            });
        assertThat(FolderChecksums.of(failedFolder)).isEqualTo(before);
    }

    @Test
    void deletedOriginalsCannotBeReprocessed() {
        InboxReturns returns = returns("delete");

        assertThatThrownBy(() -> returns.bringBack(done("Gone"), true)).isInstanceOfSatisfying(ActionRefused.class,
            refused -> assertThat(refused.detail()).isEqualTo("book 'Gone': the originals were deleted (ON_COMPLETE=delete)"));
    }

    @Test
    void theNewestTimeStampedArchiveIsTakenWhenTheKeysOwnIsGone() throws IOException {
        InboxReturns returns = returns("archive");
        folderWith(root.resolve("archive/Book_2026-01-02_03-04-05"), "old.mp3");
        folderWith(root.resolve("archive/Book_2026-03-02_03-04-05"), "new.mp3");
        folderWith(root.resolve("archive/Book Two"), "other.mp3");

        assertThat(returns.bringBack(done("Book"), true)).isEqualTo(InboxReturns.Source.ARCHIVE);

        assertThat(FolderChecksums.of(root.resolve("inbox/Book"))).containsOnlyKeys("new.mp3");
        assertThat(root.resolve("archive/Book_2026-01-02_03-04-05")).isDirectory();
    }

    @Test
    void originalsNowhereToBeFoundAreRefusedNamingWhereTheyWereLookedFor() {
        InboxReturns returns = returns("archive");

        assertThatThrownBy(() -> returns.bringBack(done("Nowhere"), true)).isInstanceOfSatisfying(ActionRefused.class,
            refused -> assertThat(refused.detail()).contains(root.resolve("inbox/Nowhere").toString())
                .contains(root.resolve("archive/Nowhere").toString()));
        assertThatThrownBy(() -> returns.bringBack(done("Nowhere"), false)).isInstanceOfSatisfying(ActionRefused.class,
            refused -> assertThat(refused.detail()).contains("no longer in the inbox"));
    }

    private InboxReturns returns(String onComplete) {
        Map<String, String> raw = new HashMap<>(new SettingsCatalog(2).defaults());
        for (String folder : new String[] {"INBOX", "CONVERTED", "ARCHIVE", "BACKUP", "FAILED", "WORKING", "CONFIG"}) {
            raw.put(folder + "_FOLDER", root.resolve(folder.toLowerCase()).toString());
        }
        raw.put("ON_COMPLETE", onComplete);
        Settings settings = Settings.parse(raw);
        return new InboxReturns(settings, new OutputLayout(settings), new SafeMover());
    }

    private static Path folderWith(Path folder, String... names) throws IOException {
        Files.createDirectories(folder);
        for (String name : names) {
            Files.writeString(folder.resolve(name), name);
        }
        return folder;
    }

    private static Job failed(String key, Path failedFolder) {
        return job(key, JobState.FAILED, failedFolder.toString());
    }

    private Job done(String key) {
        return job(key, JobState.DONE, root.resolve("converted").resolve(key).resolve(key + ".m4b").toString());
    }

    private static Job job(String key, JobState state, String outputPath) {
        Instant now = Instant.parse("2026-01-02T03:04:05Z");
        return new Job(key, "hash", state, 1, null, null, null, null, null, now, now, outputPath, now);
    }
}
