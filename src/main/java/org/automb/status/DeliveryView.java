package org.automb.status;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * One settled delivery of an event of a job (a notification, webhook, library refresh or the post-convert script),
 * as the API and the dashboard show it. The destination and the detail were masked before they were stored.
 *
 * @param event       the event's code: {@code converted}, {@code failed}...
 * @param destination the destination's masked label, e.g. {@code discord://***}
 * @param kind        {@code discord}, {@code webhook}, {@code script}...
 * @param outcome     {@code sent}, {@code failed}, {@code skipped}; for the script {@code ok}, {@code failed},
 *                    {@code timed_out}
 * @param attempts    how many tries it took (or were made before giving up)
 * @param statusCode  the last HTTP status, or the script's exit code; null when there was none
 * @param detail      why it failed, or the script's output tail; null when there is nothing to say
 */
public record DeliveryView(Instant at, String event, String destination, String kind, String outcome, int attempts,
                           @Schema(nullable = true) Integer statusCode, @Schema(nullable = true) String detail) {
}
