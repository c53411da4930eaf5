package org.automb.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.automb.failure.PermanentFailure;
import org.automb.failure.TransientFailure;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(true, 3, Duration.ofSeconds(60));
    private final TransientFailure diskFull = new TransientFailure("Book", null, "disk full", "");
    private final PermanentFailure undecodable = new PermanentFailure("Book", null, "not audio", "");

    @Test
    void backoffDoublesFromTheBaseAndStopsAtOneHour() {
        assertThat(policy.delayBefore(1)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.delayBefore(3)).isEqualTo(Duration.ofSeconds(240));
        assertThat(policy.delayBefore(7)).isEqualTo(Duration.ofHours(1));
        assertThat(policy.delayBefore(40)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void transientFailuresAreRetriedMaxRetriesTimes() {
        assertThat(policy.nextRetry(diskFull, 1)).contains(Duration.ofSeconds(60));
        assertThat(policy.nextRetry(diskFull, 3)).contains(Duration.ofSeconds(240));
        assertThat(policy.nextRetry(diskFull, 4)).isEmpty();
    }

    @Test
    void permanentFailuresAreNeverRetried() {
        assertThat(policy.nextRetry(undecodable, 1)).isEmpty();
    }

    @Test
    void unknownErrorsAreTransientOnceThenPermanent() {
        IOException unknown = new IOException("odd");
        assertThat(policy.nextRetry(unknown, 1)).isPresent();
        assertThat(policy.nextRetry(unknown, 2)).isEmpty();
    }

    @Test
    void wrappedFailuresAreFoundInTheCauseChain() {
        assertThat(policy.isTransient(new RuntimeException("camel wrapper", diskFull), 5)).isTrue();
    }

    @Test
    void retryingCanBeSwitchedOff() {
        assertThat(new RetryPolicy(false, 3, Duration.ofSeconds(1)).nextRetry(diskFull, 1)).isEmpty();
    }
}
