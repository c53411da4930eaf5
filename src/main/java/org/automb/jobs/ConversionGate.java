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
        Hold hold = hold();
        if (hold.pause().paused()) {
            return Optional.of("conversion paused by " + hold.pause().actor());
        }
        if (hold.outsideWindow()) {
            String opens = hold.opensAt() == null ? "never again"
                : LocalDateTime.ofInstant(hold.opensAt(), window.orElseThrow().zone()).format(OPENS);
            return Optional.of("outside CONVERT_SCHEDULE " + window.orElseThrow().text() + " (opens " + opens + ")");
        }
        return Optional.empty();
    }

    /**
     * What holds new books back now, for the status document and the metrics: the pause and the window, each on its
     * own (both may hold at once). Nothing holds when the gate does not apply (--once without --respect-schedule).
     */
    public Hold hold() {
        if (!applies) {
            return new Hold(PauseState.RUNNING, null, false, null, null);
        }
        Instant now = clock.instant();
        PauseState pause = store.pause().current();
        if (window.isEmpty()) {
            return new Hold(pause, null, false, null, null);
        }
        ConvertWindow w = window.get();
        boolean open = w.isOpen(now);
        return new Hold(pause, w.text(), !open, open ? null : w.nextOpening(now).orElse(null),
            open ? w.nextClosing(now).orElse(null) : null);
    }

    /** Why new books are held back, as the status document and the metrics name it. */
    public enum Reason {
        /** A user paused conversion (API, JMX). */
        PAUSED,
        /** Outside the CONVERT_SCHEDULE window. */
        OUTSIDE_SCHEDULE;

        /** {@code paused}, {@code outside_schedule}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What holds new books back at one instant.
     *
     * @param pause         the users' pause (not paused when the gate does not apply)
     * @param schedule      CONVERT_SCHEDULE as given; null when it sets no window
     * @param outsideWindow true when a window is set and closed now
     * @param opensAt       when the closed window next opens; null when open, unset or never again
     * @param closesAt      when the open window next closes; null when closed, unset or never again
     */
    public record Hold(PauseState pause, String schedule, boolean outsideWindow, Instant opensAt, Instant closesAt) {

        /** True when no new book starts now. */
        public boolean held() {
            return pause.paused() || outsideWindow;
        }

        /** The reason the gate gives first (a pause before the window); empty when nothing holds. */
        public Optional<Reason> reason() {
            if (pause.paused()) {
                return Optional.of(Reason.PAUSED);
            }
            return outsideWindow ? Optional.of(Reason.OUTSIDE_SCHEDULE) : Optional.empty();
        }
    }

    /** The window, when CONVERT_SCHEDULE sets one. */
    public Optional<ConvertWindow> window() {
        return window;
    }
}
