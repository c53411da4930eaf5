package org.automb.steps;

import java.time.Instant;
import org.automb.failure.BookChangedException;

/**
 * What the book-errors route does with an attempt that failed (exchange property {@link org.automb.attempt.RouteKeys#VERDICT}): try it
 * again after the wait in {@code CamelRedeliveryDelay}, drop it because the service stops, end it because a user
 * cancelled the book, read the book again because its files changed, or give up on it (the dead letter).
 *
 * @param outcome       which of these
 * @param change        the change behind the failure, for {@link Outcome#BOOK_CHANGED}; else null
 * @param failureNumber the failed attempts of the book so far, this one included (0 when none is counted)
 * @param retryAt       when the retry is due (as the job store keeps it), for {@link Outcome#RETRY}; else null
 */
public record FailureVerdict(Outcome outcome, BookChangedException change, int failureNumber, Instant retryAt) {

    /** What happens to the book after the failed attempt. */
    public enum Outcome { RETRY, INTERRUPTED_BY_STOP, CANCELLED, BOOK_CHANGED, FAILED }

    public static FailureVerdict retry(int failureNumber) {
        return retry(failureNumber, null);
    }

    public static FailureVerdict retry(int failureNumber, Instant retryAt) {
        return new FailureVerdict(Outcome.RETRY, null, failureNumber, retryAt);
    }

    public static FailureVerdict failed(int failureNumber) {
        return new FailureVerdict(Outcome.FAILED, null, failureNumber, null);
    }

    public static FailureVerdict stopped() {
        return new FailureVerdict(Outcome.INTERRUPTED_BY_STOP, null, 0, null);
    }

    public static FailureVerdict cancelledByUser() {
        return new FailureVerdict(Outcome.CANCELLED, null, 0, null);
    }

    public static FailureVerdict changed(BookChangedException change) {
        return new FailureVerdict(Outcome.BOOK_CHANGED, change, 0, null);
    }

    /** Read by the route's retryWhile. */
    public boolean retryAllowed() {
        return outcome == Outcome.RETRY;
    }

    public boolean interruptedByStop() {
        return outcome == Outcome.INTERRUPTED_BY_STOP;
    }

    public boolean cancelled() {
        return outcome == Outcome.CANCELLED;
    }

    public boolean bookChanged() {
        return outcome == Outcome.BOOK_CHANGED;
    }
}
