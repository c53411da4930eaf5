package org.automb.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Decides when a book has stopped changing (finished copying or downloading) and may be converted.
 * <p>
 * A book is ready once its {@link BookFingerprint} has been the same on every look for at least the wait time,
 * and none of its files was modified within the wait time. Any change restarts the wait. With a zero wait time a
 * book is ready as soon as it is seen. Safe to call from several threads.
 */
public final class ReadinessTracker {

    /** The fingerprint a book had, and since when it has had it. */
    private record Sighting(BookFingerprint fingerprint, Instant since) {
    }

    private final Duration waitTime;
    private final Clock clock;
    private final ConcurrentMap<String, Sighting> sightings = new ConcurrentHashMap<>();

    /**
     * @param waitTime how long a book must stay unchanged
     * @param clock    the time source (a fixed or mutable clock in tests)
     */
    public ReadinessTracker(Duration waitTime, Clock clock) {
        if (waitTime.isNegative()) {
            throw new IllegalArgumentException("wait time must not be negative: " + waitTime);
        }
        this.waitTime = waitTime;
        this.clock = Objects.requireNonNull(clock);
    }

    /** Looks at the book's files now and says whether it has been unchanged long enough. */
    public boolean isReady(Book book) {
        return isReady(book, BookFingerprint.of(book));
    }

    /** Same as {@link #isReady(Book)} with a fingerprint the caller has just read, to avoid reading it twice. */
    public boolean isReady(Book book, BookFingerprint current) {
        return isReady(book, current, Optional.empty());
    }

    /**
     * Same as {@link #isReady(Book, BookFingerprint)}, and the book's last change a file-system event told of (see
     * {@link InboxChanges}) counts like a file's modification time: a book moved in keeps its files' old times, yet
     * it changed when it was moved.
     */
    public boolean isReady(Book book, BookFingerprint current, Optional<Instant> lastEvent) {
        if (!current.hasAudio()) {
            forget(book.key()); // moved away or unreadable: start over when it is back
            return false;
        }
        Instant now = clock.instant();
        Sighting sighting = sightings.compute(book.key(),
                (key, previous) -> previous != null && previous.fingerprint().equals(current)
                        ? previous : new Sighting(current, now));
        if (waitTime.isZero()) {
            return true;
        }
        return unchangedForWaitTime(sighting, now) && !modifiedRecently(current, now)
                && lastEvent.map(at -> !withinWaitTime(at.toEpochMilli(), now)).orElse(true);
    }

    /** Drops what is known about a book (converted, removed, or to be looked at afresh). */
    public void forget(String key) {
        sightings.remove(key);
    }

    /** Drops every book not in {@code keys}, so books that left the inbox do not pile up. */
    public void retainOnly(Collection<String> keys) {
        sightings.keySet().retainAll(keys);
    }

    private boolean unchangedForWaitTime(Sighting sighting, Instant now) {
        return Duration.between(sighting.since(), now).compareTo(waitTime) >= 0;
    }

    /**
     * True when a file was modified within the wait time. Modification times in the future (clock skew, odd
     * archive metadata) are not counted, or such a book could never become ready; the unchanged-fingerprint
     * rule still covers it.
     */
    private boolean modifiedRecently(BookFingerprint fingerprint, Instant now) {
        return fingerprint.files().stream()
                .mapToLong(BookFingerprint.FileState::modifiedMillis)
                .anyMatch(modified -> withinWaitTime(modified, now));
    }

    private boolean withinWaitTime(long millis, Instant now) {
        return millis > now.minus(waitTime).toEpochMilli() && millis <= now.toEpochMilli();
    }
}
