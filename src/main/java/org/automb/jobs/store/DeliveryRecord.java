package org.automb.jobs.store;

import java.time.Instant;

/**
 * One settled delivery of an event to one destination, or one run of the post-convert script.
 *
 * @param key         the book's job key; null for events of no book (health, test)
 * @param event       the event's code: {@code converted}, {@code failed}, {@code test}...
 * @param destination the destination as people may see it, secrets masked ({@code discord://1234…/***})
 * @param kind        {@code discord}, {@code pushover}, ..., {@code webhook}, {@code audiobookshelf}, {@code plex},
 *                    {@code jellyfin}, {@code script}
 * @param outcome     {@code sent}, {@code failed} (given up) or {@code skipped}; for the script {@code ok},
 *                    {@code failed} or {@code timed_out}
 * @param attempts    how many tries it took (1 = the first)
 * @param statusCode  the last HTTP status or the script's exit code; null when there was none
 * @param detail      the last error, or the script's output tail; secrets masked; may be null
 */
public record DeliveryRecord(long id, Instant at, String key, String event, String destination, String kind,
                             String outcome, int attempts, Integer statusCode, String detail) {
}
