package org.automb.web;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.automb.jobs.store.JobState;

/**
 * The query parameters of the API as the services take them. A value that is not what the parameter needs is an
 * {@link IllegalArgumentException} naming the parameter (answered 400); the ranges of page and size are the status
 * service's to check.
 */
public final class ApiParameters {

    public static final int DEFAULT_PAGE = 1;
    public static final int DEFAULT_SIZE = 20;

    private ApiParameters() {
    }

    /** {@code ?page=}: 1 when absent. */
    public static int page(String value) {
        return whole("page", value, DEFAULT_PAGE);
    }

    /** {@code ?size=}: 20 when absent. */
    public static int size(String value) {
        return whole("size", value, DEFAULT_SIZE);
    }

    /** {@code ?status=failed,done}: every state when absent or empty; an unknown state is refused. */
    public static Set<JobState> states(String value) {
        if (value == null || value.isBlank()) {
            return EnumSet.allOf(JobState.class);
        }
        Set<JobState> states = EnumSet.noneOf(JobState.class);
        for (String code : value.split(",")) {
            String trimmed = code.trim().toLowerCase(Locale.ROOT);
            states.add(Arrays.stream(JobState.values()).filter(s -> s.code().equals(trimmed)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("status: '" + shorten(code.trim())
                    + "' is not a job state; one of " + Arrays.stream(JobState.values()).map(JobState::code)
                    .collect(Collectors.joining(", ")))));
        }
        return states;
    }

    private static int whole(String name, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + shorten(value) + "' is not a whole number");
        }
    }

    /** A request value echoed in an answer, cut short: a client's 10 kB garbage is not worth repeating. */
    static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
