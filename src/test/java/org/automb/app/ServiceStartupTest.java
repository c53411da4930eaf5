package org.automb.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.automb.audio.libav.NativeCrashGuard;
import org.automb.config.Settings;
import org.automb.config.SettingsCatalog;
import org.automb.io.PartialsJournal;
import org.automb.io.SafeMover;
import org.automb.io.WorkArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's start-up steps, in the order docs/architecture.md ("Start-up steps") gives and why. */
class ServiceStartupTest {

    @TempDir
    Path root;

    @Test
    void theStepsAreTheDocumentedOnesInTheirOrder() {
        ServiceStartup startup = new ServiceStartup(null, this, settings(), EarlyStart.none(), new SafeMover(), Clock.systemUTC());

        assertThat(startup.steps().names()).containsExactly(
            "find ffmpeg and load its libraries",
            "create the folders",
            "open the job store",
            "read the native-crash markers",
            "recover from a crash",
            "start the hash pool and warm up its JIT");
    }

    @Test
    void theMarkerOfACrashedEncodeIsReadBeforeRecoveryRemovesItsFolder() throws Exception {
        Settings settings = settings();
        // what a run that died during a book's in-JVM encode leaves in the working folder
        Path area = WorkArea.root(settings.working());
        Files.createDirectories(settings.working());
        WorkArea.create(area, 1, "host", Instant.parse("2026-01-01T00:00:00Z"));
        Path bookFolder = Files.createDirectories(area.resolve(WorkArea.bookFolderName("Crashing Book")));
        new NativeCrashGuard().encoding(bookFolder, "Crashing Book");

        try (CamelContext context = new DefaultCamelContext()) {
            ServiceStartup.Started started = new ServiceStartup(context, this, settings, EarlyStart.none(),
                new SafeMover(PartialsJournal.inWorkingFolder(settings.working())), Clock.systemUTC()).run();
            try {
                assertThat(started.crashGuard().suspects("Crashing Book")).as("the marker was read").isTrue();
                assertThat(bookFolder).as("then the recovery removed the book's scratch folder").doesNotExist();
                assertThat(settings.converted()).as("the folders were created").isDirectory();
                assertThat(started.store().counts()).as("the job store is open, and empty").isNotEmpty().allSatisfy((state, count) -> assertThat(count).isZero());
            } finally {
                started.store().close();
            }
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
