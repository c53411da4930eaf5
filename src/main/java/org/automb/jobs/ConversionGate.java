package org.automb.jobs;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.automb.config.ConvertWindow;
import org.automb.jobs.store.JobStore;
import org.automb.jobs.store.PauseState;

/**
 * Whether a new book may start converting now: not while a user has paused conversion (kept in the job store, so
 * it outlives a restart), nor outside the CONVERT_SCHEDULE window. Asked by the inbox scan before it claims a book:
 * a book found while the gate is closed is recorded WAITING in the job store and stays in the inbox, and the first
 * scan after the gate opens takes it. A book already taken is never stopped by the gate; it finishes.
 *
 * <p>Why a gate and not a route policy stopping the process-book route: stopping a route waits for its in-flight
 * exchanges only up to a timeout and then forces them (a book converting at the window's end would be cut short), and
 * a seda queue's books live only in memory; books kept WAITING in the job store survive a restart and show as such
 * in --status and the API. The window's opening is still told by Quartz (the convert-window route) so books start at
 * once rather than at the next SLEEP_TIME scan.
 */
public final class ConversionGate {

    private static final DateTimeFormatter OPENS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Optional<ConvertWindow> window;
    private final JobStore store;
    private final Clock clock;
    private final boolean applies;

    /**
     * @param window  the CONVERT_SCHEDULE window; empty to convert at any time
     * @param applies false for --once without --respect-schedule: neither the window nor a pause holds books back
     */
    public ConversionGate(Optional<ConvertWindow> window, JobStore store, Clock clock, boolean applies) {
        this.window = window;
        this.store = store;
        this.clock = clock;
        this.applies = applies;
    }

    /** Why new books wait now, or empty when they may start. */
    public Optional<String> closedBecause() {
        if (!applies) {
            return Optional.empty();
        }
        PauseState pause = store.pause().current();
        if (pause.paused()) {
            return Optional.of("conversion paused by " + pause.actor());
        }
        return window.flatMap(w -> outside(w, clock.instant()));
    }

    /** The window, when CONVERT_SCHEDULE sets one. */
    public Optional<ConvertWindow> window() {
        return window;
    }

    private Optional<String> outside(ConvertWindow w, Instant now) {
        if (w.isOpen(now)) {
            return Optional.empty();
        }
        String opens = w.nextOpening(now).map(at -> LocalDateTime.ofInstant(at, w.zone()).format(OPENS))
            .orElse("never again");
        return Optional.of("outside CONVERT_SCHEDULE " + w.text() + " (opens " + opens + ")");
    }
}
