package org.automb.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.automb.config.Settings;
import org.automb.config.SettingsCatalog;
import org.automb.jobs.store.JobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of start-up begun early, when the start fails before the service takes them. */
class EarlyStartTest {

    @TempDir
    Path root;

    @Test
    void aFailedStartWaitsForTheJobStoreToFinishOpeningBeforeTheProcessExits() throws Exception {
        Settings settings = settings();
        Files.createDirectories(settings.config());

        // as on a broken route file: begun, then given up at once, before the store is taken
        EarlyStart.begin(settings, Clock.systemUTC()).settle(Duration.ofMinutes(1));

        // the store was opened and migrated in full, not cut off half-way by the exit
        try (Connection c = DriverManager.getConnection(JobStore.defaultUrl(settings.config()));
             ResultSet rs = c.createStatement().executeQuery("select count(*) from jobs")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    private Settings settings() {
        Map<String, String> raw = new java.util.HashMap<>(new SettingsCatalog(2).defaults());
        for (String folder : new String[] {"INBOX", "CONVERTED", "ARCHIVE", "BACKUP", "FAILED", "WORKING", "CONFIG"}) {
            raw.put(folder + "_FOLDER", root.resolve(folder.toLowerCase(java.util.Locale.ROOT)).toString());
        }
        return Settings.parse(raw);
    }
}
