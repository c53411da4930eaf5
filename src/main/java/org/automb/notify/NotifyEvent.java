package org.automb.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One event to announce, whole: what every destination builds its message from. Made by {@code BookEvents} from a
 * book's attempt (or by the health watch, or {@code --test-notify}); never changed after.
 *
 * @param id          unique per event (a UUID): a destination's retries send the same event, never a second one
 * @param type        what happened
 * @param at          when
 * @param title       one line for people: {@code Converted: Project Hail Mary}
 * @param message     a few lines for people: who wrote and read it, how long, how big, what went wrong
 * @param key         the book's key in the inbox (its job key); null for events of no book
 * @param book        what the book is; null for events of no book
 * @param file        the delivered m4b; null when there is none (failed, started, review not yet approved...)
 * @param source      where the book came from; null for events of no book
 * @param error       the failure's message for people, for failed and retry events; else null
 * @param took        how long the conversion took; null when not known
 * @param nextRetryAt when the retry is due, for retry events; else null
 * @param attempt     the attempt's number (1 = the first); 0 for events of no attempt
 */
public record NotifyEvent(String id, EventType type, Instant at, String title, String message, String key,
                          BookInfo book, BookFile file, BookSource source, String error, Duration took,
                          Instant nextRetryAt, int attempt) {

    /**
     * What the book is, as far as it is known (tags after matching, else the sources' tags, else the folder name).
     *
     * @param authors         empty when none is known
     * @param narrators       empty when none is known
     * @param series          null when not in a series
     * @param part            the series position as Audible gives it ({@code 1}, {@code 1.5}); null when none
     * @param asin            null when not matched
     * @param durationSeconds null when not known
     * @param chapters        how many; null when not known
     */
    public record BookInfo(String title, String subtitle, List<String> authors, List<String> narrators,
                           String series, String part, String asin, Double durationSeconds, Integer chapters) {
        public BookInfo {
            authors = List.copyOf(authors);
            narrators = List.copyOf(narrators);
        }
    }

    /**
     * The delivered file.
     *
     * @param path        where it is now (absolute, as this service sees it)
     * @param sizeBytes   its size
     * @param bitrateKbps its audio bitrate; null when not known
     * @param codec       {@code aac}, ...; null when not known
     */
    public record BookFile(String path, long sizeBytes, Integer bitrateKbps, String codec) {
    }

    /**
     * The book as it was taken from the inbox.
     *
     * @param key    its key (path relative to INBOX_FOLDER)
     * @param folder where it was (absolute)
     * @param files  its audio files, relative to {@code folder}, in play order
     */
    public record BookSource(String key, String folder, List<String> files) {
        public BookSource {
            files = List.copyOf(files);
        }
    }
}
