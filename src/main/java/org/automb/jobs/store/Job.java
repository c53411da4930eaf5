package org.automb.jobs.store;

import java.time.Instant;

/**
 * A book's job as stored: its state, the content it was claimed for, and its failure and run history.
 * Instants are UTC with millisecond precision; fields not yet known are null.
 *
 * @param key the book's key (its path relative to the inbox)
 * @param contentHash fingerprint of the book's audio files when last seen or claimed
 * @param attempts failed attempts since the content last changed or a user reset the job
 * @param firstFailureAt first failure since the counter was last reset
 * @param nextRetryAt when a RETRY_SCHEDULED job is due again
 * @param errorClass class of the last failure
 * @param errorMessage message of the last failure
 * @param startedAt when the last conversion started
 * @param finishedAt when the job last reached a final state
 * @param outputPath the .m4b written, once DONE
 * @param updatedAt when the row last changed
 */
public record Job(String key, String contentHash, JobState state, int attempts, Instant firstFailureAt,
                  Instant lastFailureAt, Instant nextRetryAt, ErrorClass errorClass, String errorMessage,
                  Instant startedAt, Instant finishedAt, String outputPath, Instant updatedAt) {

    /** A job seen for the first time. */
    static Job fresh(String key, String contentHash, JobState state, Instant now) {
        return new Job(key, contentHash, state, 0, null, null, null, null, null, null, null, null, now);
    }

    /**
     * Moves to {@code to}, keeping the timestamps that go with it: started at CONVERTING, finished at a final
     * state, a retry time only while RETRY_SCHEDULED (due now when none was set).
     */
    Job movedTo(JobState to, Instant now) {
        Instant started = to == JobState.CONVERTING ? now : startedAt;
        Instant finished = to.isFinal() ? now : null;
        Instant retryAt = to != JobState.RETRY_SCHEDULED ? null : nextRetryAt != null ? nextRetryAt : now;
        return new Job(key, contentHash, to, attempts, firstFailureAt, lastFailureAt, retryAt, errorClass,
            errorMessage, started, finished, outputPath, now);
    }

    Job withContent(String hash) {
        return new Job(key, hash, state, attempts, firstFailureAt, lastFailureAt, nextRetryAt, errorClass,
            errorMessage, startedAt, finishedAt, outputPath, updatedAt);
    }

    Job withNextRetryAt(Instant retryAt) {
        return new Job(key, contentHash, state, attempts, firstFailureAt, lastFailureAt, retryAt, errorClass,
            errorMessage, startedAt, finishedAt, outputPath, updatedAt);
    }

    Job withOutput(String path) {
        return new Job(key, contentHash, state, attempts, firstFailureAt, lastFailureAt, nextRetryAt, errorClass,
            errorMessage, startedAt, finishedAt, path, updatedAt);
    }

    /** The error a user gave (a rejected book), no attempt counted. */
    Job withError(ErrorClass errorClass, String message) {
        return new Job(key, contentHash, state, attempts, firstFailureAt, lastFailureAt, nextRetryAt, errorClass,
            message, startedAt, finishedAt, outputPath, updatedAt);
    }

    /** One more failed attempt; the retry time is kept only if the state it then moves to is RETRY_SCHEDULED. */
    Job withFailure(ErrorClass errorClass, String message, Instant now, Instant retryAt) {
        Instant first = firstFailureAt != null ? firstFailureAt : now;
        return new Job(key, contentHash, state, attempts + 1, first, now, retryAt, errorClass, message, startedAt,
            finishedAt, outputPath, updatedAt);
    }

    /** A fresh start: attempt counter, failure history and the previous run's results are forgotten. */
    Job withHistoryCleared() {
        return new Job(key, contentHash, state, 0, null, null, null, null, null, null, null, null, updatedAt);
    }
}
