package org.automb.jobs.store;

import java.util.Locale;

/**
 * What made a job change state: the inbox scan and pipeline ({@code intake}), the retry schedule ({@code retry}),
 * a person moving files ({@code user}), the HTTP API ({@code api}) or recovery at start-up ({@code startup}).
 * Stored lower-case.
 */
public enum EventCause {
    INTAKE, RETRY, USER, API, STARTUP;

    /** The stored form: the lower-case name. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the stored form (any case). */
    public static EventCause fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
