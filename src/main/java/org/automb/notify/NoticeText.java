package org.automb.notify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Small pieces of notification text shared by the services: durations ({@code 10 h 5 min}), sizes ({@code 450 MB}),
 * name lists and cutting text to a service's limit with an ellipsis.
 */
public final class NoticeText {

    /** What ends a text that was cut. */
    public static final String ELLIPSIS = "…";

    private NoticeText() {
    }

    /** {@code 45 s}, {@code 3 min 5 s}, {@code 10 h 5 min}. */
    public static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        return seconds / 3600 + " h" + ((seconds / 60) % 60 == 0 ? "" : " " + (seconds / 60) % 60 + " min");
    }

    /** {@link #duration(Duration)} of a number of seconds (a book's length). */
    public static String duration(double seconds) {
        return duration(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    /** {@code 512 B}, {@code 900 KB}, {@code 450 MB}, {@code 1.2 GB} (powers of 1024, as file managers show them). */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    /** {@code Andy Weir, Ray Porter}. */
    public static String names(List<String> names) {
        return String.join(", ", names);
    }

    /**
     * {@code text} when it has at most {@code max} characters, else its start and {@link #ELLIPSIS}, {@code max}
     * characters in all (never splitting a surrogate pair).
     */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        if (max <= 0) {
            return "";
        }
        int end = max - ELLIPSIS.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, Math.max(0, end)) + ELLIPSIS;
    }

    /** {@code text} cut (as by {@link #cut}) so that its UTF-8 form has at most {@code maxBytes} bytes. */
    public static String cutUtf8(String text, int maxBytes) {
        if (text == null || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        int max = Math.min(text.length(), maxBytes);
        String cut = cut(text, max);
        while (cut.getBytes(StandardCharsets.UTF_8).length > maxBytes && max > 0) {
            max -= Math.max(1, (cut.getBytes(StandardCharsets.UTF_8).length - maxBytes) / 4);
            cut = cut(text, max);
        }
        return cut;
    }
}
