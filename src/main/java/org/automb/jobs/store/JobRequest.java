package org.automb.jobs.store;

import java.time.Instant;
import java.util.Locale;

/** A user's request about a book, taken by its next run. */
public record JobRequest(String key, Kind kind, Instant requestedAt, String actor) {

    /** What the next run is asked to do differently. Stored as the lower-case name. */
    public enum Kind {
        /** Deliver the book's files as they are, without converting them. */
        SKIP_CONVERSION,
        /** Convert from scratch and replace the existing output. */
        REPROCESS;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }
}
