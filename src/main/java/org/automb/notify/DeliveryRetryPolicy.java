package org.automb.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * When a failed delivery is tried again: NOTIFY_RETRY_BASE_DELAY, doubled for each further try and capped at
 * {@code longestWait}; a server's Retry-After wins when it is longer (capped the same way); at most the destination's
 * own {@code ?retries=N} or NOTIFY_MAX_RETRIES retries. A failure that is not retryable is given up at once.
 *
 * @param baseDelay   the wait before the first retry
 * @param maxRetries  retries after the first try, for destinations without their own limit
 * @param longestWait no wait is longer (a Retry-After of a day waits this long, then asks again)
 * @param retriesCap  no destination gets more retries, whatever its own limit
 */
public record DeliveryRetryPolicy(Duration baseDelay, int maxRetries, Duration longestWait, int retriesCap) {

    /** The service's waits: doubling from the base delay up to one hour. */
    public static DeliveryRetryPolicy of(Duration baseDelay, int maxRetries) {
        return new DeliveryRetryPolicy(baseDelay, maxRetries, Duration.ofHours(1), Integer.MAX_VALUE);
    }

    /** The same rules with at most {@code retries} retries and waits of at most {@code wait} (--test-notify). */
    public DeliveryRetryPolicy shortened(int retries, Duration wait) {
        return new DeliveryRetryPolicy(min(baseDelay, wait), maxRetries, min(longestWait, wait), Math.min(retriesCap, retries));
    }

    /** The retries this destination gets after its first try. */
    public int retriesOf(Destination destination) {
        return Math.min(destination.maxRetries().orElse(maxRetries), retriesCap);
    }

    /**
     * The wait before the next try after {@code tries} failed ones, or empty to give up.
     *
     * @param tries the tries so far (1 after the first failed one)
     */
    public Optional<Duration> nextWait(Destination destination, int tries, DeliveryFailure failure) {
        if (!failure.retryable() || tries > retriesOf(destination)) {
            return Optional.empty();
        }
        Duration backoff = baseDelay;
        for (int i = 1; i < tries && backoff.compareTo(longestWait) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        Duration doubled = min(backoff, longestWait);
        Duration wait = failure.retryAfter().filter(after -> after.compareTo(doubled) > 0).orElse(doubled);
        return Optional.of(min(wait, longestWait));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
