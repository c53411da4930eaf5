package org.automb.jobs.store;

import java.util.Locale;

/** Whether a failure may go away on its own (retry later) or will not (give up). Stored lower-case. */
public enum ErrorClass {
    TRANSIENT, PERMANENT;

    /** The stored form: the lower-case name. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the stored form (any case). */
    public static ErrorClass fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
