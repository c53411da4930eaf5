package org.automb.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What is registered runs once when the service stops; what ended before is forgotten; a late registration runs at once. */
class ServiceStopTest {

    @Test
    void theStopCancelsWhatIsUnderWayOnce() {
        ServiceStop stop = new ServiceStop();
        AtomicInteger cancelled = new AtomicInteger();
        stop.whenStopping(cancelled::incrementAndGet);
        assertThat(stop.isStopping()).isFalse();

        stop.stopping();
        stop.stopping();

        assertThat(stop.isStopping()).isTrue();
        assertThat(cancelled).hasValue(1);
    }

    @Test
    void workThatEndedBeforeTheStopIsNotCancelled() {
        ServiceStop stop = new ServiceStop();
        AtomicInteger cancelled = new AtomicInteger();
        try (ServiceStop.Registration ignored = stop.whenStopping(cancelled::incrementAndGet)) {
            assertThat(cancelled).hasValue(0);
        }

        stop.stopping();

        assertThat(cancelled).hasValue(0);
    }

    @Test
    void workStartedDuringTheStopIsCancelledAtOnce() {
        ServiceStop stop = new ServiceStop();
        stop.stopping();
        AtomicInteger cancelled = new AtomicInteger();

        stop.whenStopping(cancelled::incrementAndGet);

        assertThat(cancelled).hasValue(1);
    }

    @Test
    void aFailingCancellationDoesNotHoldTheOthers() {
        ServiceStop stop = new ServiceStop();
        AtomicInteger cancelled = new AtomicInteger();
        stop.whenStopping(() -> {
            throw new IllegalStateException("already gone");
        });
        stop.whenStopping(cancelled::incrementAndGet);

        stop.stopping();

        assertThat(cancelled).hasValue(1);
    }

    @Test
    void aRunningJvmIsNotShuttingDown() {
        assertThat(ServiceStop.jvmShuttingDown()).isFalse();
    }
}
