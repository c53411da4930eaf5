package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.reliability.ChildServiceHarness.filesUnder;
import static org.automb.testing.ServiceFiles.filesWithoutLock;
import static org.automb.testing.ServiceFiles.scratchLeftIn;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.automb.jobs.store.EventCause;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobEvent;
import org.automb.jobs.store.JobState;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A restart while a book waits for its retry keeps the attempt count and the retry time: the restarted service
 * does not retry before the stored time, then converts the book, and the failed attempt stays in the history.
 */
class RestartDuringRetryTest {

    private static final String BOOK = "Waiting Book";
    /** Long enough to kill the first run, check the store and start the second before the retry is due. */
    private static final String RETRY_DELAY = "--retry-base-delay=10";

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    @Test
    void aBookWaitingForItsRetryKeepsAttemptsAndRetryTimeAcrossAKill() throws Exception {
        harness.dropMp3Book(TestAudio.bundled(), BOOK, 3.0);
        harness.createStore();

        // run 1: every attempt fails transiently, as no disk has 10 TB to spare
        ServiceProcess first = harness.start("run-1-no-space", "--min-free-space-mb=10000000", RETRY_DELAY, "--max-retries=3");
        Job scheduled = await("the first attempt failed and the retry is scheduled").atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> harness.store(store -> store.find(BOOK)),
                job -> job.isPresent() && job.get().state() == JobState.RETRY_SCHEDULED)
            .orElseThrow();
        first.kill();
        assertThat(scheduled.attempts()).isEqualTo(1);
        assertThat(scheduled.nextRetryAt()).isNotNull();
        assertThat(scheduled.errorMessage()).contains("not enough free space");
        assertThat(Duration.between(scheduled.lastFailureAt(), scheduled.nextRetryAt()))
            .as("retry delay as stored").isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
        assertThat(Instant.now()).as("killed before the retry was due").isBefore(scheduled.nextRetryAt());

        Job afterKill = harness.store(store -> store.find(BOOK)).orElseThrow();
        assertThat(afterKill.state()).isEqualTo(JobState.RETRY_SCHEDULED);
        assertThat(afterKill.attempts()).as("attempts after the kill").isEqualTo(1);
        assertThat(afterKill.nextRetryAt()).as("retry time after the kill").isEqualTo(scheduled.nextRetryAt());

        // run 2: enough space; the retry must wait for its stored time
        ServiceProcess second = harness.start("run-2-once", "--once", RETRY_DELAY, "--max-retries=3");
        int exit = second.awaitExit(Duration.ofMinutes(2));
        System.out.printf("RestartDuringRetryTest: run 2 took %.1f s (retry due %s)%n", second.secondsSinceStart(),
            scheduled.nextRetryAt());
        assertThat(exit).as("exit code of run 2").isZero();

        Job done = harness.store(store -> store.find(BOOK)).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.DONE);
        assertThat(done.attempts()).as("the failed attempt is history, not reset and not counted again").isEqualTo(1);
        List<JobEvent> events = harness.store(store -> store.events(BOOK));
        JobEvent retryScheduled = events.stream().filter(e -> e.to() == JobState.RETRY_SCHEDULED).reduce((a, b) -> b).orElseThrow();
        List<JobEvent> afterRetryScheduled = events.subList(events.indexOf(retryScheduled) + 1, events.size());
        assertThat(afterRetryScheduled).as("events after the retry was scheduled: %s", events)
            .extracting(JobEvent::to).containsExactly(JobState.PENDING, JobState.CONVERTING, JobState.DONE);
        assertThat(afterRetryScheduled.get(0).cause()).as("the claim is the retry").isEqualTo(EventCause.RETRY);
        Optional<JobEvent> retryStart = afterRetryScheduled.stream().filter(e -> e.to() == JobState.CONVERTING).findFirst();
        assertThat(retryStart.orElseThrow().at()).as("the retry did not start before its stored time")
            .isAfterOrEqualTo(scheduled.nextRetryAt());
        assertThat(events.stream().filter(e -> e.to() == JobState.DONE).count()).isEqualTo(1);

        assertThat(harness.converted().resolve(BOOK).resolve(BOOK + ".m4b")).isNotEmptyFile();
        assertThat(filesUnder(harness.archive().resolve(BOOK))).containsExactly(BOOK + ".mp3");
        assertThat(filesWithoutLock(harness.inbox())).isEmpty();
        assertThat(scratchLeftIn(harness.working())).isEmpty();
    }
}
