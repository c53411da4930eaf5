package org.automb.jobs;

import java.time.Duration;
import java.util.Optional;
import org.automb.failure.BookFailure;
import org.automb.failure.BookFailures;

/**
 * Decides whether a failed attempt is tried again, and when: exponential backoff from
 * {@code RETRY_BASE_DELAY}, doubling, capped at one hour, at most {@code MAX_RETRIES} retries.
 * Transient failures are retried; permanent ones never; an error of unknown kind is treated as transient
 * the first time and as permanent after that.
 */
public final class RetryPolicy {

    private static final Duration MAX_DELAY = Duration.ofHours(1);

    private final boolean retryTransient;
    private final int maxRetries;
    private final Duration baseDelay;

    public RetryPolicy(boolean retryTransient, int maxRetries, Duration baseDelay) {
        this.retryTransient = retryTransient;
        this.maxRetries = maxRetries;
        this.baseDelay = baseDelay;
    }

    public int maxRetries() {
        return maxRetries;
    }

    /** Whether {@code error}, the {@code failureNumber}-th failure of this book (1-based), may be tried again. */
    public boolean isTransient(Throwable error, int failureNumber) {
        BookFailure failure = BookFailures.find(error);
        if (failure != null) {
            return failure.isTransient();
        }
        return failureNumber <= 1;
    }

    /** The wait before the next attempt, or empty when the book has failed for good. */
    public Optional<Duration> nextRetry(Throwable error, int failureNumber) {
        if (!retryTransient || failureNumber > maxRetries || !isTransient(error, failureNumber)) {
            return Optional.empty();
        }
        return Optional.of(delayBefore(failureNumber));
    }

    /** Delay before retry number {@code retry} (1-based): base, 2·base, 4·base… capped at one hour. */
    public Duration delayBefore(int retry) {
        Duration delay = baseDelay;
        for (int i = 1; i < retry && delay.compareTo(MAX_DELAY) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
