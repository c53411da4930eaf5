package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/** A transient failure (the working folder unusable for the first attempt) recovers on the retry. */
class TransientFailureRecoveryTest extends PipelineTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("RETRY_BASE_DELAY", "1", "MAX_RETRIES", "3");
    }

    @Test
    void aBookWhoseFirstAttemptFailsTransientlyIsRetriedAndConverted() throws Exception {
        // the working folder is a plain file: the attempt cannot create its scratch folder
        new org.automb.io.SafeMover().deleteTree(working()); // with the service's working area in it
        Files.writeString(working(), "not a folder");
        NotifyBuilder done = booksDone(1);
        drop("Flaky Book", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("title", "One")));

        await().atMost(Duration.ofSeconds(30)).until(() -> ledger().status("Flaky Book") == JobState.RETRY_SCHEDULED);
        Files.delete(working());
        Files.createDirectories(working());

        awaitBooks(done);
        Job job = ledger().store().find("Flaky Book").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.DONE);
        assertThat(job.attempts()).as("one failed attempt recorded").isEqualTo(1);
        assertThat(job.errorMessage()).contains("cannot prepare the working folder");
        assertThat(converted().resolve("Flaky Book/Flaky Book.m4b")).exists();
        assertThat(filesUnder(archive().resolve("Flaky Book"))).containsExactly("01.mp3");
        assertThat(ledger().store().events("Flaky Book")).extracting(e -> e.to())
            .containsSubsequence(JobState.PENDING, JobState.CONVERTING, JobState.RETRY_SCHEDULED, JobState.CONVERTING, JobState.DONE);
    }
}
