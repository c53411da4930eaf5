package org.automb.jobs.store;

import java.time.Instant;

/**
 * One finished run of a book, kept for statistics and history after its job is forgotten.
 *
 * @param id           assigned by the store (0 before it is recorded)
 * @param outcome      how the run ended
 * @param audioPath    the audio path taken ({@code JVM_SEGMENTS}, {@code PASSTHROUGH}...), null when none was chosen
 * @param audioSeconds the book's duration, null when unknown
 * @param outputBytes  size of the delivered .m4b, null when nothing was delivered
 * @param outputPath   the delivered .m4b, or the failed folder the book was moved to
 * @param reason       why a run failed or was skipped, null otherwise
 */
public record BookRun(long id, String key, Instant startedAt, Instant finishedAt, Outcome outcome, String audioPath,
                      Double audioSeconds, Long outputBytes, String outputPath, String reason) {

    /** How a run ended. Stored as the lower-case name. */
    public enum Outcome {
        CONVERTED, PASSED_THROUGH, FAILED, CANCELLED, SKIPPED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Outcome fromCode(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** The run's wall-clock time in milliseconds, null when its start is unknown. */
    public Long elapsedMillis() {
        return startedAt == null ? null : Math.max(0, finishedAt.toEpochMilli() - startedAt.toEpochMilli());
    }
}
