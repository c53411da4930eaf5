package org.automb.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An event did not reach a destination. Retryable ones (no answer, 408, 425, 429, 5xx, a mail server busy) are
 * tried again with backoff, as soon as {@link #retryAfter()} allows; the others are given up at once.
 */
public final class DeliveryFailure extends Exception {

    private final boolean retryable;
    private final Duration retryAfter;
    private final Integer statusCode;

    public DeliveryFailure(String message, boolean retryable, Duration retryAfter, Integer statusCode) {
        super(message);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.statusCode = statusCode;
    }

    /** No answer came (refused, reset, timed out): worth another try. */
    public static DeliveryFailure noAnswer(String message) {
        return new DeliveryFailure(message, true, null, null);
    }

    /** Refused for good (bad token, unknown chat): another try would fail the same way. */
    public static DeliveryFailure refused(String message, Integer statusCode) {
        return new DeliveryFailure(message, false, null, statusCode);
    }

    /** The failure an unsuccessful reply means (see {@link HttpReply#requireSuccess()}). */
    public static DeliveryFailure ofStatus(HttpReply reply) {
        int status = reply.status();
        boolean retryable = status == 408 || status == 425 || status == 429 || status >= 500;
        String body = reply.body().strip();
        String excerpt = body.length() > 300 ? body.substring(0, 300) + "…" : body;
        return new DeliveryFailure("HTTP " + status + (excerpt.isEmpty() ? "" : ": " + excerpt), retryable,
            reply.header("Retry-After").flatMap(value -> parseRetryAfter(value, Instant.now())).orElse(null), status);
    }

    /**
     * A Retry-After value: seconds ({@code 120}, decimals taken as Discord sends them) or an HTTP date.
     *
     * @return empty when it is neither
     */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String text = value.trim();
        try {
            double seconds = Double.parseDouble(text);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    public boolean retryable() {
        return retryable;
    }

    /** How long the server asked to wait; empty when it did not say. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The HTTP status (or SMTP reply code); empty when no answer came. */
    public Optional<Integer> statusCode() {
        return Optional.ofNullable(statusCode);
    }
}
