package org.automb.config;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * CONVERT_SCHEDULE parsed: when books may be converted. Either {@code HH:MM-HH:MM} (local time; a window across
 * midnight such as {@code 23:00-06:00} is allowed) or two Quartz cron expressions {@code <start> to <stop>}, each
 * checked by Quartz's own {@link CronExpression}.
 *
 * <p>The window is open at an instant when the next stop comes before the next start: no "previous fire time" is
 * needed, so the answer is the same for the simple and the cron form and holds across midnight and DST changes.
 *
 * @param text  the setting as given
 * @param start the cron that opens the window (Quartz syntax, seconds first)
 * @param stop  the cron that closes it
 * @param zone  the time zone the crons and HH:MM are read in (the service's, as Quartz's triggers)
 */
public record ConvertWindow(String text, String start, String stop, ZoneId zone) {

    private static final Pattern SIMPLE =
        Pattern.compile("\\s*([01]?\\d|2[0-3]):([0-5]\\d)\\s*-\\s*([01]?\\d|2[0-3]):([0-5]\\d)\\s*");

    public ConvertWindow {
        cron(start);
        cron(stop);
    }

    /**
     * The window CONVERT_SCHEDULE describes, or empty for "" (any time).
     *
     * @throws IllegalArgumentException with one line naming CONVERT_SCHEDULE when it is not a window
     */
    public static Optional<ConvertWindow> parse(String setting, ZoneId zone) {
        String text = setting == null ? "" : setting.trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher simple = SIMPLE.matcher(text);
        if (simple.matches()) {
            String start = "0 " + Integer.parseInt(simple.group(2)) + " " + Integer.parseInt(simple.group(1)) + " * * ?";
            String stop = "0 " + Integer.parseInt(simple.group(4)) + " " + Integer.parseInt(simple.group(3)) + " * * ?";
            if (start.equals(stop)) {
                throw new IllegalArgumentException("CONVERT_SCHEDULE=" + text + " opens and closes at the same minute;"
                    + " leave it empty to convert at any time");
            }
            return Optional.of(new ConvertWindow(text, start, stop, zone));
        }
        String[] crons = text.split("\\s+to\\s+");
        if (crons.length != 2) {
            throw new IllegalArgumentException("CONVERT_SCHEDULE=" + text + " must be a window such as 01:00-07:00, or"
                + " two Quartz cron expressions: 0 0 1 * * ? to 0 0 7 * * ?");
        }
        for (String cron : crons) {
            try {
                CronExpression.validateExpression(cron.trim());
            } catch (ParseException e) {
                throw new IllegalArgumentException("CONVERT_SCHEDULE=" + text + ": '" + cron.trim()
                    + "' is not a Quartz cron expression (" + e.getMessage() + ")", e);
            }
        }
        return Optional.of(new ConvertWindow(text, crons[0].trim(), crons[1].trim(), zone));
    }

    /** True when books may be converted at {@code at}. */
    public boolean isOpen(Instant at) {
        Optional<Instant> nextStart = next(start, at);
        Optional<Instant> nextStop = next(stop, at);
        if (nextStop.isEmpty()) {
            return false; // the window never closes again, and it opens only when the start comes (if ever)
        }
        return nextStart.isEmpty() || nextStop.get().isBefore(nextStart.get());
    }

    /** When the window next opens after {@code at}, if ever. */
    public Optional<Instant> nextOpening(Instant at) {
        return next(start, at);
    }

    /** When the window next closes after {@code at}, if ever. */
    public Optional<Instant> nextClosing(Instant at) {
        return next(stop, at);
    }

    private Optional<Instant> next(String expression, Instant at) {
        CronExpression cron = cron(expression);
        cron.setTimeZone(TimeZone.getTimeZone(zone));
        Date next = cron.getNextValidTimeAfter(Date.from(at));
        return Optional.ofNullable(next).map(Date::toInstant);
    }

    private static CronExpression cron(String expression) {
        try {
            return new CronExpression(expression);
        } catch (ParseException e) {
            throw new IllegalArgumentException("CONVERT_SCHEDULE: '" + expression + "' is not a Quartz cron expression ("
                + e.getMessage() + ")", e);
        }
    }
}
