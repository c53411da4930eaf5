package org.automb.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.automb.jobs.BookCancellations;
import org.automb.jobs.ServiceStop;
import org.automb.jobs.store.EventCause;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cancelling one book on a real job store: what runs for it is told to stop; a book not running is only moved. */
class BookCancellationsTest {

    @TempDir
    Path root;
    private JobStore store;
    private BookCancellations cancellations;

    @BeforeEach
    void open() {
        store = JobStore.open(JobStore.defaultUrl(root), Clock.systemUTC());
        cancellations = new BookCancellations(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aRunningBookIsToldToStopAndItsJobCancelled() {
        store.claim("a", "h", EventCause.INTAKE);
        store.transition("a", JobState.CONVERTING, EventCause.INTAKE, "");
        AtomicInteger stopped = new AtomicInteger();
        AtomicInteger otherStopped = new AtomicInteger();
        ServiceStop.Registration registration = cancellations.whenCancelled("a", stopped::incrementAndGet);
        cancellations.whenCancelled("b", otherStopped::incrementAndGet);

        assertThat(cancellations.cancel("a")).isTrue();

        assertThat(stopped).hasValue(1);
        assertThat(otherStopped).as("only this book").hasValue(0);
        assertThat(store.find("a").orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(store.events("a").get(store.events("a").size() - 1).cause()).isEqualTo(EventCause.API);
        assertThat(cancellations.isCancelled("a")).isTrue();
        assertThatThrownBy(() -> cancellations.checkNotCancelled("a"))
            .isInstanceOf(BookCancellations.BookCancelledException.class).hasMessageContaining("'a'");
        // registered after the cancel, while the attempt still winds down: stopped at once
        cancellations.whenCancelled("a", stopped::incrementAndGet);
        assertThat(stopped).hasValue(2);

        registration.close();
        cancellations.settled("a");
        assertThat(cancellations.isCancelled("b")).isFalse();
    }

    @Test
    void aBookNotRunningIsOnlyMovedAndAFinishedOneStaysFinished() {
        store.markWaiting("w", "h");
        assertThat(cancellations.cancel("w")).isFalse();
        assertThat(store.find("w").orElseThrow().state()).isEqualTo(JobState.CANCELLED);

        store.claim("d", "h", EventCause.INTAKE);
        store.markDone("d", "/out/d.m4b");
        assertThat(cancellations.cancel("d")).isFalse();
        assertThat(store.find("d").orElseThrow().state()).isEqualTo(JobState.DONE);
        assertThat(cancellations.isCancelled("d")).isFalse();
    }

    @Test
    void anEndedAttemptIsNoLongerStopped() {
        store.claim("a", "h", EventCause.INTAKE);
        AtomicInteger stopped = new AtomicInteger();
        cancellations.whenCancelled("a", stopped::incrementAndGet).close();
        assertThat(cancellations.cancel("a")).isFalse();
        assertThat(stopped).hasValue(0);
    }
}
