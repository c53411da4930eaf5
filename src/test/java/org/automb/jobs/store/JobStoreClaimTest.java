package org.automb.jobs.store;

import org.automb.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStoreClaimTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    @TempDir
    Path config;

    private final MutableClock clock = new MutableClock(T0);
    private JobStore store;

    @BeforeEach
    void open() {
        store = JobStore.open(JobStore.defaultUrl(config), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aNewBookIsClaimed() {
        Job job = store.claim("book", "h1", EventCause.INTAKE).orElseThrow();

        assertThat(job.state()).isEqualTo(JobState.PENDING);
        assertThat(job.contentHash()).isEqualTo("h1");
        assertThat(job.attempts()).isZero();
        assertThat(job.updatedAt()).isEqualTo(T0);
        assertThat(store.find("book")).contains(job);
    }

    @Test
    void aBookInFlightIsNotClaimedAgain() {
        store.claim("book", "h1", EventCause.INTAKE);
        assertThat(store.claim("book", "h1", EventCause.INTAKE)).isEmpty();

        store.transition("book", JobState.CONVERTING, EventCause.INTAKE, null);
        assertThat(store.claim("book", "h2", EventCause.INTAKE)).isEmpty();

        store.transition("book", JobState.TAGGING, EventCause.INTAKE, null);
        assertThat(store.claim("book", "h2", EventCause.INTAKE)).isEmpty();
        assertThat(store.find("book")).map(Job::state).contains(JobState.TAGGING);
    }

    @Test
    void aWaitingBookIsClaimedWithItsSettledContent() {
        store.markWaiting("book", "h1");
        assertThat(store.find("book")).map(Job::state).contains(JobState.WAITING);

        Job job = store.claim("book", "h2", EventCause.INTAKE).orElseThrow();

        assertThat(job.state()).isEqualTo(JobState.PENDING);
        assertThat(job.contentHash()).isEqualTo("h2");
    }

    @Test
    void aFinishedBookWithTheSameContentIsNotClaimed() {
        for (JobState end : new JobState[] {JobState.DONE, JobState.FAILED, JobState.SKIPPED}) {
            String key = "book-" + end;
            store.claim(key, "h1", EventCause.INTAKE);
            store.transition(key, end, EventCause.INTAKE, null);

            assertThat(store.claim(key, "h1", EventCause.INTAKE)).as(end.toString()).isEmpty();
        }
    }

    @Test
    void aFailedBookWhoseFilesChangeIsClaimedWithItsAttemptsReset() {
        store.claim("book", "h1", EventCause.INTAKE);
        store.recordFailure("book", ErrorClass.TRANSIENT, "locked", T0.plusSeconds(60));
        clock.advance(Duration.ofMinutes(1));
        store.claim("book", "h1", EventCause.RETRY);
        store.recordFailure("book", ErrorClass.PERMANENT, "not audio", null);
        assertThat(store.find("book")).map(Job::attempts).contains(2);

        clock.advance(Duration.ofMinutes(1));
        Job job = store.claim("book", "h2", EventCause.USER).orElseThrow();

        assertThat(job.state()).isEqualTo(JobState.PENDING);
        assertThat(job.contentHash()).isEqualTo("h2");
        assertThat(job.attempts()).isZero();
        assertThat(job.firstFailureAt()).isNull();
        assertThat(job.lastFailureAt()).isNull();
        assertThat(job.errorClass()).isNull();
        assertThat(job.errorMessage()).isNull();
        assertThat(job.finishedAt()).isNull();
    }

    @Test
    void aDoneBookWhoseFilesChangeIsClaimedAgain() {
        store.claim("book", "h1", EventCause.INTAKE);
        store.markDone("book", "/out/book.m4b");

        Job job = store.claim("book", "h2", EventCause.INTAKE).orElseThrow();

        assertThat(job.outputPath()).isNull();
        assertThat(job.state()).isEqualTo(JobState.PENDING);
    }

    @Test
    void aScheduledRetryIsClaimedOnlyOnceDueAndKeepsItsAttempts() {
        store.claim("book", "h1", EventCause.INTAKE);
        store.recordFailure("book", ErrorClass.TRANSIENT, "locked", T0.plusSeconds(60));

        clock.advance(Duration.ofSeconds(59));
        assertThat(store.claim("book", "h1", EventCause.RETRY)).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        Job job = store.claim("book", "h1", EventCause.RETRY).orElseThrow();

        assertThat(job.state()).isEqualTo(JobState.PENDING);
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.firstFailureAt()).isEqualTo(T0);
        assertThat(job.nextRetryAt()).isNull();
        assertThat(store.claim("book", "h1", EventCause.RETRY)).isEmpty();
    }

    @Test
    void markWaitingCreatesAJobOrUpdatesItsContent() {
        store.markWaiting("book", "h1");
        store.markWaiting("book", "h2");

        Job job = store.find("book").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.WAITING);
        assertThat(job.contentHash()).isEqualTo("h2");
        assertThat(store.events("book")).hasSize(1);
    }

    @Test
    void markWaitingLeavesJobsInFlightAndJobsFinishedWithThisContentAlone() {
        store.claim("running", "h1", EventCause.INTAKE);
        store.markWaiting("running", "h2");
        assertThat(store.find("running")).map(Job::state).contains(JobState.PENDING);

        store.claim("retrying", "h1", EventCause.INTAKE);
        store.recordFailure("retrying", ErrorClass.TRANSIENT, "locked", T0.plusSeconds(60));
        store.markWaiting("retrying", "h2");
        assertThat(store.find("retrying")).map(Job::state).contains(JobState.RETRY_SCHEDULED);

        store.claim("done", "h1", EventCause.INTAKE);
        store.markDone("done", "/out/done.m4b");
        store.markWaiting("done", "h1");
        assertThat(store.find("done")).map(Job::state).contains(JobState.DONE);
    }

    @Test
    void markWaitingOnAFailedBookWithNewContentResetsItsAttempts() {
        store.claim("book", "h1", EventCause.INTAKE);
        store.recordFailure("book", ErrorClass.PERMANENT, "not audio", null);

        store.markWaiting("book", "h2");

        Job job = store.find("book").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.WAITING);
        assertThat(job.attempts()).isZero();
        assertThat(job.errorMessage()).isNull();
        assertThat(store.claim("book", "h2", EventCause.INTAKE)).map(Job::attempts).contains(0);
    }
}
