package org.automb.jobs.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The cases in which an existing job may be claimed. Each pairs the check on the job as read with the same check
 * in SQL, which guards the update: should another process have claimed the job in between, the update matches
 * no row and the claim fails.
 */
enum ClaimRule {

    /** Seen while its files were settling; now they have. */
    SETTLED("state = ?") {
        @Override
        boolean applies(Job job, String contentHash, Instant now) {
            return job.state() == JobState.WAITING;
        }

        @Override
        SqlCall bindCondition(SqlCall call, String contentHash, Instant now) {
            return call.text(JobState.WAITING.code());
        }

        @Override
        Job claimed(Job job, String contentHash, Instant now) {
            return job.withContent(contentHash).movedTo(JobState.PENDING, now);
        }
    },

    /** Finished, but its files have changed since: a new book as far as retries go, so the counter restarts. */
    CONTENT_CHANGED("state IN (?, ?, ?, ?, ?) AND (content_hash IS NULL OR content_hash <> ?)") {
        @Override
        boolean applies(Job job, String contentHash, Instant now) {
            return job.state().isFinal() && !contentHash.equals(job.contentHash());
        }

        @Override
        SqlCall bindCondition(SqlCall call, String contentHash, Instant now) {
            return call.text(JobState.DONE.code()).text(JobState.FAILED.code()).text(JobState.SKIPPED.code())
                .text(JobState.CANCELLED.code()).text(JobState.REVIEW.code()).text(contentHash);
        }

        @Override
        Job claimed(Job job, String contentHash, Instant now) {
            return job.withHistoryCleared().withContent(contentHash).movedTo(JobState.PENDING, now);
        }
    },

    /** Failed transiently and its retry time has come; the attempt counter carries on. */
    RETRY_DUE("state = ? AND next_retry_at <= ?") {
        @Override
        boolean applies(Job job, String contentHash, Instant now) {
            return job.state() == JobState.RETRY_SCHEDULED && job.nextRetryAt() != null
                && !job.nextRetryAt().isAfter(now);
        }

        @Override
        SqlCall bindCondition(SqlCall call, String contentHash, Instant now) {
            return call.text(JobState.RETRY_SCHEDULED.code()).millis(now);
        }

        @Override
        Job claimed(Job job, String contentHash, Instant now) {
            return job.withContent(contentHash).movedTo(JobState.PENDING, now);
        }
    };

    private final String condition;

    ClaimRule(String condition) {
        this.condition = condition;
    }

    /** The rule under which {@code job} may be claimed now, if any. */
    static Optional<ClaimRule> matching(Job job, String contentHash, Instant now) {
        return Arrays.stream(values()).filter(rule -> rule.applies(job, contentHash, now)).findFirst();
    }

    /** The SQL form of {@link #applies}, over the stored row. */
    String condition() {
        return condition;
    }

    abstract boolean applies(Job job, String contentHash, Instant now);

    /** Binds the parameters of {@link #condition()}. */
    abstract SqlCall bindCondition(SqlCall call, String contentHash, Instant now);

    /** The job as claimed under this rule. */
    abstract Job claimed(Job job, String contentHash, Instant now);

    /** Event message, lower-case like the stored codes. */
    String message() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
