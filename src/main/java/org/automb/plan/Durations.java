package org.automb.plan;

/** Formats durations for people: {@code 10:02:03}. */
public final class Durations {

    private Durations() {
    }

    public static String format(double seconds) {
        long total = Math.round(seconds);
        return String.format("%d:%02d:%02d", total / 3600, (total / 60) % 60, total % 60);
    }
}
