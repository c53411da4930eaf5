package org.automb.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.automb.config.FolderRules;
import org.automb.jobs.store.JobStore;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each readiness check on the real thing it checks: folders, the file store, the job database, the ffmpeg found. */
class ReadinessChecksTest {

    @TempDir
    Path root;

    @Test
    void aFolderIsUpWhenItExistsAndTheServiceMayReadAndWriteIt() throws IOException {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        FolderCheck check = new FolderCheck(new FolderRules.Folder("INBOX_FOLDER", inbox, true), 0);

        assertThat(check.getId()).isEqualTo("folder-inbox");
        assertThat(check.isReadiness()).isTrue();
        assertThat(check.isLiveness()).as("a missing folder is no reason to restart the service").isFalse();
        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void aMissingFolderOrAFileInItsPlaceIsDownNamingTheSetting() throws IOException {
        Path archive = root.resolve("archive");
        FolderCheck check = new FolderCheck(new FolderRules.Folder("ARCHIVE_FOLDER", archive, true), 0);

        assertDown(check, "ARCHIVE_FOLDER=" + archive + " does not exist");
        Files.writeString(archive, "not a folder");
        assertDown(check, "ARCHIVE_FOLDER=" + archive + " is not a folder");
    }

    @Test
    void aFolderTheServiceMayNotWriteIsDown() throws IOException {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root may write any folder");
        Path converted = Files.createDirectories(root.resolve("converted"));
        converted.toFile().setWritable(false, false);
        try {
            assertDown(new FolderCheck(new FolderRules.Folder("CONVERTED_FOLDER", converted, true), 0),
                "CONVERTED_FOLDER=" + converted + " is not writable");
        } finally {
            converted.toFile().setWritable(true, false);
        }
    }

    @Test
    void freeSpaceIsDownWhenAFolderHasNoMoreThanMinFreeSpaceMb() {
        Map<String, Path> folders = Map.of("WORKING_FOLDER", root);

        assertThat(new FreeSpaceCheck(folders, 0, 0).call().getState()).isEqualTo(HealthCheck.State.UP);
        assertDown(new FreeSpaceCheck(folders, 10_000_000, 0), "WORKING_FOLDER=" + root + " has ");
        assertDown(new FreeSpaceCheck(folders, 10_000_000, 0), "MIN_FREE_SPACE_MB=10000000");
    }

    @Test
    void theInJvmEncoderNeedsItsLibrariesAndTheFfmpegEncoderItsExecutable() {
        List<String> bundled = TestAudio.bundled().tools().ffmpegCommand(List.of());

        assertThat(new EncoderCheck(true, true, bundled, 0).call().getState()).isEqualTo(HealthCheck.State.UP);
        assertDown(new EncoderCheck(true, false, bundled, 0), "libraries did not load");
        assertThat(new EncoderCheck(false, false, bundled, 0).call().getState()).isEqualTo(HealthCheck.State.UP);
        assertDown(new EncoderCheck(false, true, List.of(root.resolve("gone/ffmpeg").toString()), 0), "gone/ffmpeg");
    }

    @Test
    void theJobStoreIsUpWhileItAnswersAndDownOnceClosed() {
        JobStore store = JobStore.open(JobStore.defaultUrl(root), Clock.systemUTC());
        JobStoreCheck check = new JobStoreCheck(store, 0);

        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
        store.close();
        assertDown(check, "the job database does not answer");
    }

    @Test
    void theReportIsUpOnlyWhenEveryCheckIsAndNamesADownOnesReason() {
        HealthReport up = new HealthReport(List.of(new HealthReport.Check("folder-inbox", true, null)));
        HealthReport down = new HealthReport(List.of(new HealthReport.Check("folder-inbox", true, null),
            new HealthReport.Check("free-space", false, "WORKING_FOLDER=/w has 3 MB free")));

        assertThat(up.httpStatus()).isEqualTo(200);
        assertThat(up.toJson()).isEqualTo("{\"status\":\"UP\",\"checks\":[{\"name\":\"folder-inbox\",\"status\":\"UP\"}]}");
        assertThat(down.httpStatus()).isEqualTo(503);
        assertThat(down.toJson()).isEqualTo("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"folder-inbox\",\"status\":\"UP\"},"
            + "{\"name\":\"free-space\",\"status\":\"DOWN\",\"reason\":\"WORKING_FOLDER=/w has 3 MB free\"}]}");
        assertThat(new HealthReport(List.of()).httpStatus()).as("no checks registered is not healthy").isEqualTo(503);
    }

    private static void assertDown(HealthCheck check, String reasonPart) {
        HealthCheck.Result result = check.call();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(message -> assertThat(message).contains(reasonPart));
    }
}
