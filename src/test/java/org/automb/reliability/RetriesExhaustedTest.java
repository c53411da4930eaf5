package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.reliability.FailureFixtures.checksums;
import static org.automb.reliability.FailureFixtures.checksumsWithoutInfo;
import static org.automb.reliability.FailureFixtures.failures;
import static org.automb.reliability.FailureFixtures.onlyFailedFolder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.ErrorClass;
import org.automb.jobs.store.EventCause;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobEvent;
import org.automb.jobs.store.JobState;
import org.automb.testing.LogCapture;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A book that fails transiently on every attempt (the working folder is a plain file) is tried MAX_RETRIES + 1
 * times with exponential backoff, then set aside in the failed folder, whole, with a complete FAILED_INFO.txt.
 */
class RetriesExhaustedTest extends PipelineTestSupport {

    private static final String BOOK = "Doomed Book";

    private LogCapture log;

    @Override
    protected Map<String, String> settings() {
        return Map.of("MAX_RETRIES", "2", "RETRY_BASE_DELAY", "0.3");
    }

    @BeforeEach
    void captureLog() {
        log = LogCapture.start();
    }

    @AfterEach
    void stopCapture() {
        log.close();
    }

    @Test
    void aBookThatAlwaysFailsTransientlyEndsInTheFailedFolderAfterItsRetries() throws Exception {
        // every attempt fails to create its scratch folder: the working folder is a plain file
        new org.automb.io.SafeMover().deleteTree(working()); // with the service's working area in it
        Files.writeString(working(), "not a folder");
        AtomicReference<Map<String, String>> originals = new AtomicReference<>();
        NotifyBuilder done = booksDone(1);
        drop(BOOK, folder -> {
            AUDIO.mp3(folder.resolve("01 - One.mp3"), 1.0, tags("title", "One"));
            AUDIO.mp3(folder.resolve("02 - Two.mp3"), 1.0, tags("title", "Two"));
            AUDIO.image(folder.resolve("cover.jpg"), 300, 300);
            Files.writeString(folder.resolve("notes.txt"), "read by someone");
            originals.set(checksums(folder));
        });
        awaitBooks(done);

        // the user's view: the book left the inbox whole, into FAILED_FOLDER/<name>_<time>/
        assertThat(FailureFixtures.entriesUnder(inbox())).as("the inbox is empty").isEmpty();
        Path folder = onlyFailedFolder(failed(), BOOK);
        assertThat(checksumsWithoutInfo(folder)).as("every original, byte for byte").isEqualTo(originals.get());
        assertThat(filesUnder(converted())).as("no output").isEmpty();

        String info = Files.readString(folder.resolve("FAILED_INFO.txt"), StandardCharsets.UTF_8);
        String stamp = folder.getFileName().toString().substring(BOOK.length() + 1);
        String failedAt = stamp.substring(0, 10) + " " + stamp.substring(11).replace('-', ':');
        assertThat(info)
            .contains("Book name:    " + BOOK)
            .contains("Failed at:    " + failedAt)
            .contains("Error type:   transient")
            .contains("Attempts:     3 (max retries 2)")
            .contains("Failure reason:")
            .contains("book '" + BOOK + "': cannot prepare the working folder")
            .contains("Recovery steps:")
            .contains("Move this folder back into the inbox");

        Job job = ledger().store().find(BOOK).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.attempts()).isEqualTo(3);
        assertThat(job.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(job.errorMessage()).contains("cannot prepare the working folder");

        // the backoff as it happened: 0.3 s, then 0.6 s between the failed attempts
        List<JobEvent> events = ledger().store().events(BOOK);
        List<JobEvent> failures = failures(events);
        assertThat(failures).extracting(JobEvent::to)
            .containsExactly(JobState.RETRY_SCHEDULED, JobState.RETRY_SCHEDULED, JobState.FAILED);
        assertThat(gap(failures.get(0), failures.get(1))).as("first backoff").isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(gap(failures.get(1), failures.get(2))).as("second backoff, doubled").isGreaterThanOrEqualTo(Duration.ofMillis(600));
        List<JobEvent> retries = events.stream()
            .filter(e -> e.to() == JobState.CONVERTING && e.cause() == EventCause.RETRY).toList();
        assertThat(retries).as("two retries").hasSize(2);
        assertThat(gap(failures.get(0), retries.get(0))).as("wait before retry 1").isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(gap(failures.get(1), retries.get(1))).as("wait before retry 2").isGreaterThanOrEqualTo(Duration.ofMillis(600));

        assertThat(log.messages()).anyMatch(m -> m.contains("(attempt 1 of 3); retrying in 300 ms"))
            .anyMatch(m -> m.contains("(attempt 2 of 3); retrying in 600 ms"));
        assertThat(log.errors()).anyMatch(m -> m.contains("gave up after 3 attempt(s)") && m.contains(folder.toString()));
    }

    private static Duration gap(JobEvent earlier, JobEvent later) {
        return Duration.between(earlier.at(), later.at());
    }
}
