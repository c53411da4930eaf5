package org.automb.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a failed delivery is tried again, and when it is given up. */
class DeliveryRetryPolicyTest {

    private final DeliveryRetryPolicy policy = DeliveryRetryPolicy.of(Duration.ofSeconds(2), 4);
    private final Destination plain = PostingDestination.to("plain", "http://127.0.0.1/x", "token-0123456789");

    private static DeliveryFailure retryable(Duration retryAfter) {
        return new DeliveryFailure("HTTP 503", true, retryAfter, 503);
    }

    @Test
    void waitsDoubleFromTheBaseDelayUpToTheRetryLimit() {
        assertThat(policy.nextWait(plain, 1, retryable(null))).contains(Duration.ofSeconds(2));
        assertThat(policy.nextWait(plain, 2, retryable(null))).contains(Duration.ofSeconds(4));
        assertThat(policy.nextWait(plain, 4, retryable(null))).contains(Duration.ofSeconds(16));
        assertThat(policy.nextWait(plain, 5, retryable(null))).as("4 retries after the first try").isEmpty();
    }

    @Test
    void waitsAreCappedAtAnHour() {
        DeliveryRetryPolicy many = DeliveryRetryPolicy.of(Duration.ofMinutes(10), 20);
        assertThat(many.nextWait(plain, 15, retryable(null))).contains(Duration.ofHours(1));
        assertThat(many.nextWait(plain, 1, retryable(Duration.ofDays(2)))).contains(Duration.ofHours(1));
    }

    @Test
    void aLongerRetryAfterWinsAndAShorterOneDoesNot() {
        assertThat(policy.nextWait(plain, 1, retryable(Duration.ofSeconds(30)))).contains(Duration.ofSeconds(30));
        assertThat(policy.nextWait(plain, 3, retryable(Duration.ofSeconds(1)))).contains(Duration.ofSeconds(8));
    }

    @Test
    void aFailureThatIsNotRetryableIsGivenUpAtOnce() {
        assertThat(policy.nextWait(plain, 1, DeliveryFailure.refused("HTTP 401", 401))).isEmpty();
    }

    @Test
    void aDestinationsOwnRetriesReplaceTheSetting() {
        Destination once = PostingDestination.to("once", "http://127.0.0.1/x", "token-0123456789").retries(1);
        assertThat(policy.retriesOf(once)).isEqualTo(1);
        assertThat(policy.nextWait(once, 2, retryable(null))).isEmpty();
    }

    @Test
    void theShortenedVersionOfTestNotifyKeepsTheRulesWithShorterWaits() {
        DeliveryRetryPolicy quick = policy.shortened(2, Duration.ofSeconds(5));
        assertThat(quick.retriesOf(plain)).isEqualTo(2);
        assertThat(quick.nextWait(plain, 2, retryable(Duration.ofMinutes(5)))).contains(Duration.ofSeconds(5));
        assertThat(quick.nextWait(plain, 3, retryable(null))).isEmpty();
    }
}
