package org.automb.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A retry wait runs at its time; when the service stops, every wait ends at once, and so does any scheduled later. */
class RetryWaitsTest {

    private final RetryWaits waits = new RetryWaits();

    @AfterEach
    void shutDown() {
        waits.shutdownNow();
    }

    @Test
    void aWaitEndsAtItsTime() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        waits.schedule(ran::countDown, 50, TimeUnit.MILLISECONDS);

        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theStopEndsAnHourLongWaitAtOnce() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(2);
        waits.schedule(ran::countDown, 1, TimeUnit.HOURS);
        waits.schedule(ran::countDown, 2, TimeUnit.HOURS);

        waits.endAll();

        assertThat(ran.await(5, TimeUnit.SECONDS)).as("both redeliveries ran").isTrue();
        assertThat(waits.getQueue()).isEmpty();
    }

    @Test
    void aWaitScheduledDuringTheStopDoesNotWait() throws InterruptedException {
        waits.endAll();
        CountDownLatch ran = new CountDownLatch(1);

        waits.schedule(ran::countDown, 1, TimeUnit.HOURS);

        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
