package org.automb.intake;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * When each entry of the inbox last changed, as the file-system events of the watch-inbox route tell it.
 * <p>
 * An event is kept against the inbox entry it lies in (the top-level folder or root file), never against a book:
 * which books an entry holds is for the scan's own {@link BookFinder} to say, so a scan after events groups the
 * books exactly as a scan without them. A book's last change is then that of the latest of its entries. Only changes
 * within the wait time are kept: older ones no longer hold a book back. Safe to call from several threads.
 */
public final class InboxChanges {

    private final Path inbox;
    private final Path inboxRealPath;
    private final Clock clock;
    private final Duration waitTime;
    private final ConcurrentMap<String, Instant> lastChangeByEntry = new ConcurrentHashMap<>();

    /**
     * @param inbox    the inbox the scan reads (the same path, so books' paths and events' paths compare)
     * @param clock    the time source of the readiness rule
     * @param waitTime how long a change holds a book back (WAIT_TIME)
     */
    public InboxChanges(Path inbox, Clock clock, Duration waitTime) {
        this.inbox = inbox.toAbsolutePath().normalize();
        this.inboxRealPath = realPathOrSelf(this.inbox);
        this.clock = Objects.requireNonNull(clock);
        this.waitTime = Objects.requireNonNull(waitTime);
    }

    /**
     * Records that {@code changed} was created, modified or deleted now.
     *
     * @return the name of the inbox entry it lies in, or null when the path does not lie inside the inbox (the inbox
     *         itself, or a path from elsewhere), which is then ignored
     */
    public String changed(String changed) {
        if (changed == null || changed.isBlank()) {
            return null;
        }
        Optional<String> entry = entryOf(Path.of(changed));
        if (entry.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        lastChangeByEntry.merge(entry.get(), now, (was, is) -> is.isAfter(was) ? is : was);
        // only what happened within the wait time can still hold a book back
        Instant stale = now.minus(waitTime);
        lastChangeByEntry.values().removeIf(at -> at.isBefore(stale));
        return entry.get();
    }

    /** The last change any event told of in the inbox entries the book's files lie in, if one is still recent. */
    public Optional<Instant> lastChange(Book book) {
        Set<String> entries = new LinkedHashSet<>();
        entryOf(book.root()).ifPresent(entries::add);
        if (book.looseFile()) {
            // a loose book is its audio file and the root files of the same stem: each is an entry of its own
            book.files().forEach(file -> entryOf(file).ifPresent(entries::add));
        }
        return entries.stream().map(lastChangeByEntry::get).filter(Objects::nonNull).max(Instant::compareTo);
    }

    /**
     * The name of the inbox entry a path lies in: its first element below the inbox. Empty for the inbox itself and
     * for anything outside it; the event's path is only compared, never joined to another.
     */
    Optional<String> entryOf(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        for (Path base : List.of(inbox, inboxRealPath)) {
            if (absolute.startsWith(base) && absolute.getNameCount() > base.getNameCount()) {
                return Optional.of(absolute.getName(base.getNameCount()).toString());
            }
        }
        return Optional.empty();
    }

    private static Path realPathOrSelf(Path path) {
        try {
            return path.toRealPath();
        } catch (java.io.IOException e) {
            return path; // not there yet: the configured path is the one events are reported under
        }
    }
}
