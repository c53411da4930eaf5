package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.automb.app.AutoM4bCommand;
import org.automb.io.Sha256;
import org.automb.jobs.store.EventCause;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;
import org.automb.testing.FolderChecksums;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job database's first bytes overwritten: {@code --validate} warns what the start will do and changes nothing;
 * the start keeps the damaged file aside under a timestamped name, begins a fresh store, knows the book it delivered
 * before from its {@code intake.json} (neither converted nor skipped again) and converts the new one.
 * ON_COMPLETE=test_do_nothing keeps the delivered book in the inbox, where a store that forgot it would take it again.
 */
class DamagedJobStoreTest {

    private static final TestAudio AUDIO = TestAudio.bundled();

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    @Test
    void aDamagedDatabaseIsKeptAsideAndTheDeliveredBooksAreKnownAgain() throws Exception {
        harness.dropMp3Book(AUDIO, "Delivered", 1.0);
        ServiceProcess first = harness.start("first", "--once", "--on-complete=test_do_nothing");
        assertThat(first.awaitExit(Duration.ofMinutes(2))).as("first run; log: %s", first.log()).isZero();
        Path delivered = harness.converted().resolve("Delivered");
        Map<String, String> deliveredBefore = FolderChecksums.of(delivered);
        assertThat(deliveredBefore).containsKeys("Delivered.m4b", "intake.json");

        Path database = harness.config().resolve(JobStore.DATABASE_FILE);
        try (var out = Files.newOutputStream(database, StandardOpenOption.WRITE)) {
            out.write("this is not a database any more, whatever SQLite hoped".getBytes(StandardCharsets.US_ASCII));
        }
        String damaged = Sha256.of(database);
        Map<String, String> configBefore = FolderChecksums.of(harness.config());

        ServiceProcess validate = harness.start("validate", "--validate", "--on-complete=test_do_nothing");
        assertThat(validate.awaitExit(Duration.ofMinutes(1))).as("--validate; log: %s", validate.log())
            .isEqualTo(AutoM4bCommand.EXIT_OK);
        assertThat(validate.log().lines()).anyMatch(l -> l.startsWith("warning: the job database " + database + " is damaged"));
        assertThat(FolderChecksums.of(harness.config())).as("--validate changes nothing").isEqualTo(configBefore);
        assertThat(entries(harness.config())).containsExactlyInAnyOrder(JobStore.DATABASE_FILE, "auto-m4b.lock",
            "routes", "plugins"); // the folders of the user's route files and plugin jars, made at start

        harness.dropMp3Book(AUDIO, "New Book", 1.0);
        ServiceProcess second = harness.start("second", "--once", "--on-complete=test_do_nothing");
        assertThat(second.awaitExit(Duration.ofMinutes(2))).as("second run; log: %s", second.log()).isZero();

        assertThat(second.log()).as("the delivered book is neither converted nor skipped again")
            .contains("auto-m4b: 1 converted, 0 failed, 0 skipped").doesNotContain("\tat ");
        assertThat(second.log().lines()).as("one WARN line says what was kept and what was lost")
            .anyMatch(l -> l.contains("WARN") && l.contains("damaged") && l.contains("kept aside as auto-m4b-damaged-")
                && l.contains("1 delivered book(s) known again") && l.contains("lost: retry counters"));
        assertThat(FolderChecksums.of(delivered)).as("the delivered book's output and manifest, untouched")
            .isEqualTo(deliveredBefore);
        assertThat(harness.converted().resolve("New Book").resolve("New Book.m4b")).isRegularFile();

        List<String> kept = entries(harness.config()).stream().filter(n -> n.startsWith("auto-m4b-damaged-")).toList();
        assertThat(kept).as("the damaged file kept aside, named with its time").singleElement().asString()
            .matches("auto-m4b-damaged-\\d{8}-\\d{6}\\.db");
        assertThat(Sha256.of(harness.config().resolve(kept.get(0)))).as("kept as it was").isEqualTo(damaged);

        harness.store(store -> {
            Job known = store.find("Delivered").orElseThrow();
            assertThat(known.state()).isEqualTo(JobState.DONE);
            assertThat(known.outputPath()).isEqualTo(delivered.resolve("Delivered.m4b").toString());
            assertThat(store.events("Delivered")).singleElement().satisfies(e -> assertThat(e.cause()).isEqualTo(EventCause.STARTUP));
            assertThat(store.find("New Book").orElseThrow().state()).isEqualTo(JobState.DONE);
            return null;
        });
    }

    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
