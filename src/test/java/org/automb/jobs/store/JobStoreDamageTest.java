package org.automb.jobs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.automb.testing.FolderChecksums;
import org.automb.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged SQLite file told from other failures, looked at without changes, set aside; a store rebuilt. */
class JobStoreDamageTest {

    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");

    @TempDir
    Path config;

    private final MutableClock clock = new MutableClock(T0);

    private String url() {
        return JobStore.defaultUrl(config);
    }

    private Path database() {
        return config.resolve(JobStore.DATABASE_FILE);
    }

    /** A store with a few books in it, closed cleanly. */
    private void storeWithBooks() {
        try (JobStore store = JobStore.open(url(), clock)) {
            for (int i = 0; i < 50; i++) {
                store.claim("Book " + i, "hash " + i, EventCause.INTAKE);
                store.markDone("Book " + i, "/converted/Book " + i + "/Book " + i + ".m4b");
            }
        }
    }

    private void overwrite(long offset, int length) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(database().toFile(), "rw")) {
            file.seek(offset);
            file.write(new byte[length]);
            file.seek(offset);
            file.write("damaged by the test".repeat(length / 19 + 1).substring(0, length).getBytes());
        }
    }

    @Test
    void anOverwrittenHeaderIsDamageAndLookingAtItChangesNothing() throws IOException {
        storeWithBooks();
        overwrite(0, 100);
        Map<String, String> before = FolderChecksums.of(config);

        StoreInspection inspection = JobStore.inspect(url());

        assertThat(inspection.condition()).isEqualTo(StoreInspection.Condition.CORRUPT);
        assertThat(inspection.where()).isEqualTo(database().toString());
        assertThat(FolderChecksums.of(config)).as("no -wal or -shm created, nothing written").isEqualTo(before);
        assertThatThrownBy(() -> JobStore.open(url(), clock)).isInstanceOf(CorruptStoreException.class)
            .hasMessageStartingWith("the job database " + database() + " is damaged: ");
    }

    @Test
    void damagedPagesPastTheHeaderAreFoundAtOpen() throws IOException {
        storeWithBooks();
        long size = Files.size(database());
        overwrite(size / 2, (int) Math.min(8192, size / 2));

        assertThatThrownBy(() -> JobStore.open(url(), clock)).isInstanceOf(CorruptStoreException.class);
        assertThat(JobStore.inspect(url()).condition()).isEqualTo(StoreInspection.Condition.CORRUPT);
    }

    @Test
    void aSoundStoreIsReadyAndLookingAtItCreatesNothing() throws IOException {
        storeWithBooks();
        List<String> before = names();

        assertThat(JobStore.inspect(url()).condition()).isEqualTo(StoreInspection.Condition.READY);
        assertThat(names()).isEqualTo(before);
    }

    @Test
    void aMissingStoreIsAbsentAndNotCreated() throws IOException {
        assertThat(JobStore.inspect(url()).condition()).isEqualTo(StoreInspection.Condition.ABSENT);
        assertThat(names()).isEmpty();
    }

    @Test
    void aDatabaseThatIsNotAFileIsUnreachableNotDamaged() throws IOException {
        Files.createDirectories(database());

        assertThat(JobStore.inspect(url()).condition()).isEqualTo(StoreInspection.Condition.UNREACHABLE);
        assertThatThrownBy(() -> JobStore.open(url(), clock)).isInstanceOf(JobStoreException.class)
            .isNotInstanceOf(CorruptStoreException.class);
    }

    @Test
    void settingAsideMovesTheDatabaseAndItsCompanionsUnderATimestampedName() throws IOException {
        storeWithBooks();
        Files.writeString(config.resolve(JobStore.DATABASE_FILE + "-wal"), "log");
        Files.writeString(config.resolve(JobStore.DATABASE_FILE + "-shm"), "shared");

        List<Path> kept = JobStore.setAside(url(), T0);
        List<Path> keptAgain = JobStore.setAside(writeDatabase(), T0);

        assertThat(kept).extracting(p -> p.getFileName().toString()).containsExactly(
            "auto-m4b-damaged-20260304-050607.db", "auto-m4b-damaged-20260304-050607.db-wal",
            "auto-m4b-damaged-20260304-050607.db-shm");
        assertThat(keptAgain).extracting(p -> p.getFileName().toString())
            .as("a second one in the same second does not replace the first")
            .containsExactly("auto-m4b-damaged-20260304-050607_2.db");
        assertThat(names()).containsExactlyInAnyOrder("auto-m4b-damaged-20260304-050607.db",
            "auto-m4b-damaged-20260304-050607.db-wal", "auto-m4b-damaged-20260304-050607.db-shm",
            "auto-m4b-damaged-20260304-050607_2.db");
        assertThatThrownBy(() -> JobStore.setAside("jdbc:postgresql://db/automb", T0))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeliveredBookIsRecordedDoneOnceWithAStartupEvent() {
        try (JobStore store = JobStore.open(url(), clock)) {
            assertThat(store.recordDelivered("Series/Book", "hash", "/converted/Series/Book/Book.m4b")).isTrue();
            assertThat(store.recordDelivered("Series/Book", "other", "/elsewhere.m4b")).as("a known key is kept").isFalse();

            Job job = store.find("Series/Book").orElseThrow();
            assertThat(job.state()).isEqualTo(JobState.DONE);
            assertThat(job.contentHash()).isEqualTo("hash");
            assertThat(job.outputPath()).isEqualTo("/converted/Series/Book/Book.m4b");
            assertThat(store.events("Series/Book")).singleElement()
                .satisfies(e -> assertThat(e.cause()).isEqualTo(EventCause.STARTUP));
            assertThat(store.claim("Series/Book", "hash", EventCause.INTAKE)).as("finished with this content").isEmpty();
        }
    }

    private String writeDatabase() throws IOException {
        Files.writeString(database(), "another damaged file");
        return url();
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(config)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
