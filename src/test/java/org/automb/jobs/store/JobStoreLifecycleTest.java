package org.automb.jobs.store;

import org.automb.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStoreLifecycleTest {

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
    void transitionsNoteWhenConversionStartedAndTheJobFinished() {
        store.claim("book", "h1", EventCause.INTAKE);
        clock.advance(Duration.ofSeconds(1));
        store.transition("book", JobState.CONVERTING, EventCause.INTAKE, null);
        clock.advance(Duration.ofSeconds(1));
        store.transition("book", JobState.TAGGING, EventCause.INTAKE, null);
        clock.advance(Duration.ofSeconds(1));
        store.markDone("book", "/out/book.m4b");

        Job job = store.find("book").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.DONE);
        assertThat(job.startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(job.finishedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(job.updatedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(job.outputPath()).isEqualTo("/out/book.m4b");
    }

    @Test
    void aConditionalTransitionLeavesAJobThatMovedOnSinceItWasRead() {
        store.claim("book", "h1", EventCause.INTAKE);
        store.transition("book", JobState.CONVERTING, EventCause.INTAKE, null);
        Set<JobState> unfinished = Set.of(JobState.PENDING, JobState.CONVERTING);
        // what a scan read as CONVERTING finishes before the scan acts on it
        store.markDone("book", "/out/book.m4b");

        assertThat(store.transitionIfStill("book", unfinished, JobState.SKIPPED, EventCause.INTAKE, "left")).isFalse();
        assertThat(store.transitionIfStill("nope", unfinished, JobState.SKIPPED, EventCause.INTAKE, "left")).isFalse();
        assertThat(store.find("book")).map(Job::state).contains(JobState.DONE);
        assertThat(store.events("book")).extracting(JobEvent::to).doesNotContain(JobState.SKIPPED);

        store.claim("other", "h1", EventCause.INTAKE);
        assertThat(store.transitionIfStill("other", unfinished, JobState.SKIPPED, EventCause.INTAKE, "left")).isTrue();
        assertThat(store.find("other")).map(Job::state).contains(JobState.SKIPPED);
    }

    @Test
    void transitionOfAnUnknownJobFails() {
        assertThatThrownBy(() -> store.transition("nope", JobState.DONE, EventCause.API, null))
            .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void aTransientFailureSchedulesARetry() {
        store.claim("book", "h1", EventCause.INTAKE);
        clock.advance(Duration.ofSeconds(10));

        Job job = store.recordFailure("book", ErrorClass.TRANSIENT, "disk full", T0.plusSeconds(70));

        assertThat(job.state()).isEqualTo(JobState.RETRY_SCHEDULED);
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.firstFailureAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(job.lastFailureAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(job.nextRetryAt()).isEqualTo(T0.plusSeconds(70));
        assertThat(job.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(job.errorMessage()).isEqualTo("disk full");
        assertThat(job.finishedAt()).isNull();
        assertThat(store.find("book")).contains(job);
    }

    @Test
    void repeatedFailuresKeepTheFirstFailureTimeAndCountAttempts() {
        store.claim("book", "h1", EventCause.INTAKE);
        store.recordFailure("book", ErrorClass.TRANSIENT, "locked", T0.plusSeconds(60));
        clock.advance(Duration.ofSeconds(60));
        store.claim("book", "h1", EventCause.RETRY);
        clock.advance(Duration.ofSeconds(5));

        Job job = store.recordFailure("book", ErrorClass.PERMANENT, "not audio", null);

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.attempts()).isEqualTo(2);
        assertThat(job.firstFailureAt()).isEqualTo(T0);
        assertThat(job.lastFailureAt()).isEqualTo(T0.plusSeconds(65));
        assertThat(job.nextRetryAt()).isNull();
        assertThat(job.finishedAt()).isEqualTo(T0.plusSeconds(65));
        assertThat(job.errorClass()).isEqualTo(ErrorClass.PERMANENT);
    }

    @Test
    void retriesAreClaimedWhenTheClockReachesTheirTime() {
        for (String key : new String[] {"a", "b", "c"}) {
            store.claim(key, "h1", EventCause.INTAKE);
        }
        store.recordFailure("a", ErrorClass.TRANSIENT, "x", T0.plusSeconds(120));
        store.recordFailure("b", ErrorClass.TRANSIENT, "x", T0.plusSeconds(60));
        store.recordFailure("c", ErrorClass.PERMANENT, "x", null);

        assertThat(store.claim("a", "h1", EventCause.RETRY)).as("a not due").isEmpty();
        assertThat(store.claim("b", "h1", EventCause.RETRY)).as("b not due").isEmpty();
        assertThat(store.inStates(JobState.RETRY_SCHEDULED)).extracting(Job::key, Job::nextRetryAt)
            .containsExactly(tuple("a", T0.plusSeconds(120)), tuple("b", T0.plusSeconds(60)));

        clock.advance(Duration.ofSeconds(60));
        assertThat(store.claim("a", "h1", EventCause.RETRY)).as("a not due").isEmpty();
        assertThat(store.claim("b", "h1", EventCause.RETRY)).as("b due").isPresent();

        clock.advance(Duration.ofSeconds(60));
        assertThat(store.claim("a", "h1", EventCause.RETRY)).as("a due").isPresent();
        assertThat(store.claim("c", "h1", EventCause.RETRY)).as("failed for good, same content").isEmpty();
        assertThat(store.inStates(JobState.RETRY_SCHEDULED)).isEmpty();
    }

    @Test
    void requeueInterruptedMakesCrashedJobsDueAtOnceKeepingAttempts() {
        store.claim("pending", "h", EventCause.INTAKE);
        store.claim("converting", "h", EventCause.INTAKE);
        store.recordFailure("converting", ErrorClass.TRANSIENT, "x", T0);
        store.claim("converting", "h", EventCause.RETRY);
        store.transition("converting", JobState.CONVERTING, EventCause.INTAKE, null);
        store.claim("tagging", "h", EventCause.INTAKE);
        store.transition("tagging", JobState.TAGGING, EventCause.INTAKE, null);
        store.markWaiting("waiting", "h");
        store.claim("done", "h", EventCause.INTAKE);
        store.markDone("done", "/out/done.m4b");
        clock.advance(Duration.ofMinutes(1));

        int requeued = store.requeueInterrupted();

        assertThat(requeued).isEqualTo(3);
        assertThat(store.inStates(JobState.RETRY_SCHEDULED)).extracting(Job::key)
            .containsExactly("converting", "pending", "tagging");
        assertThat(store.find("converting")).map(Job::attempts).contains(1);
        assertThat(store.inStates(JobState.RETRY_SCHEDULED)).extracting(Job::nextRetryAt)
            .as("due at once").containsOnly(T0.plusSeconds(60));
        assertThat(store.events("tagging")).last()
            .satisfies(event -> {
                assertThat(event.cause()).isEqualTo(EventCause.STARTUP);
                assertThat(event.from()).isEqualTo(JobState.TAGGING);
                assertThat(event.to()).isEqualTo(JobState.RETRY_SCHEDULED);
            });
        assertThat(store.find("waiting")).map(Job::state).contains(JobState.WAITING);
        assertThat(store.find("done")).map(Job::state).contains(JobState.DONE);
        assertThat(store.claim("tagging", "h", EventCause.RETRY)).isPresent();
    }

    @Test
    void everyStateChangeIsRecordedWithItsCause() {
        store.markWaiting("book", "h1");
        store.claim("book", "h1", EventCause.INTAKE);
        store.transition("book", JobState.CONVERTING, EventCause.INTAKE, "ffmpeg");
        clock.advance(Duration.ofSeconds(5));
        store.recordFailure("book", ErrorClass.TRANSIENT, "disk full", T0.plusSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        store.claim("book", "h1", EventCause.RETRY);
        store.recordFailure("book", ErrorClass.PERMANENT, "not audio", null);
        store.transition("book", JobState.WAITING, EventCause.USER, "moved back by the user");
        store.transition("book", JobState.SKIPPED, EventCause.API, "skipped by request");

        assertThat(store.events("book"))
            .extracting(JobEvent::from, JobEvent::to, JobEvent::cause)
            .containsExactly(
                tuple(null, JobState.WAITING, EventCause.INTAKE),
                tuple(JobState.WAITING, JobState.PENDING, EventCause.INTAKE),
                tuple(JobState.PENDING, JobState.CONVERTING, EventCause.INTAKE),
                tuple(JobState.CONVERTING, JobState.RETRY_SCHEDULED, EventCause.RETRY),
                tuple(JobState.RETRY_SCHEDULED, JobState.PENDING, EventCause.RETRY),
                tuple(JobState.PENDING, JobState.FAILED, EventCause.INTAKE),
                tuple(JobState.FAILED, JobState.WAITING, EventCause.USER),
                tuple(JobState.WAITING, JobState.SKIPPED, EventCause.API));
        assertThat(store.events("book")).extracting(JobEvent::id).isSorted().doesNotHaveDuplicates();
        assertThat(store.events("book")).extracting(JobEvent::key).containsOnly("book");
        assertThat(store.events("book").get(3).message()).isEqualTo("disk full");
        assertThat(store.events("book").get(3).at()).isEqualTo(T0.plusSeconds(5));
        assertThat(store.events("book").get(7).message()).isEqualTo("skipped by request");
        assertThat(store.events("other")).isEmpty();
    }

    @Test
    void countsCoverEveryState() {
        store.markWaiting("w1", "h");
        store.markWaiting("w2", "h");
        store.claim("p", "h", EventCause.INTAKE);
        store.claim("d", "h", EventCause.INTAKE);
        store.markDone("d", "/out/d.m4b");

        assertThat(store.counts())
            .containsEntry(JobState.WAITING, 2)
            .containsEntry(JobState.PENDING, 1)
            .containsEntry(JobState.DONE, 1)
            .containsEntry(JobState.FAILED, 0)
            .containsOnlyKeys(JobState.values());
    }

    @Test
    void statesAreStoredLowerCase() {
        store.claim("book", "h", EventCause.INTAKE);
        store.recordFailure("book", ErrorClass.TRANSIENT, "x", T0);

        assertThat(JobState.RETRY_SCHEDULED.code()).isEqualTo("retry_scheduled");
        assertThat(JobState.fromCode("retry_scheduled")).isEqualTo(JobState.RETRY_SCHEDULED);
        assertThat(store.inStates(JobState.RETRY_SCHEDULED, JobState.DONE)).extracting(Job::key)
            .containsExactly("book");
        assertThat(store.inStates()).isEmpty();
    }

    @Test
    void stateGroupsMatchTheirDefinitions() {
        assertThat(Arrays.stream(JobState.values()).filter(JobState::isFinal))
            .containsExactly(JobState.DONE, JobState.FAILED, JobState.SKIPPED, JobState.REVIEW, JobState.CANCELLED);
        assertThat(Arrays.stream(JobState.values()).filter(JobState::isInFlight))
            .containsExactly(JobState.PENDING, JobState.CONVERTING, JobState.TAGGING, JobState.RETRY_SCHEDULED);
    }
}
