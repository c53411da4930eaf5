package org.automb.jobs.store;

import java.util.Locale;

/**
 * Where a book's job stands. Stored as the lower-case name ({@code retry_scheduled}).
 *
 * <p>WAITING: seen, files still settling. PENDING: claimed by a worker, not yet started. CONVERTING, TAGGING:
 * being processed. RETRY_SCHEDULED: failed transiently, due again at {@link Job#nextRetryAt()}. DONE, FAILED,
 * SKIPPED: finished. REVIEW: converted, waiting in the review folder for a user's approval (REVIEW_BEFORE_RELEASE).
 * CANCELLED: a user stopped it; its files stay where they were until a user retries it or they change.
 */
public enum JobState {
    PENDING, WAITING, CONVERTING, TAGGING, RETRY_SCHEDULED, DONE, FAILED, SKIPPED, REVIEW, CANCELLED;

    /** True for the states the pipeline is done with: DONE, FAILED, SKIPPED, REVIEW, CANCELLED. */
    public boolean isFinal() {
        return this == DONE || this == FAILED || this == SKIPPED || this == REVIEW || this == CANCELLED;
    }

    /** True while the job belongs to the pipeline (claimed, running or due for a retry), so a scan leaves it alone. */
    public boolean isInFlight() {
        return this == PENDING || this == CONVERTING || this == TAGGING || this == RETRY_SCHEDULED;
    }

    /** The stored form: the lower-case name. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the stored form (any case). */
    public static JobState fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
