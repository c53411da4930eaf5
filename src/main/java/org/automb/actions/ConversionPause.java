package org.automb.actions;

import java.time.Clock;
import org.automb.jobs.store.JobStore;
import org.automb.jobs.store.PauseState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pause and resume of conversion (bean {@code conversionPause}; the API's POST /api/v1/pause and /api/v1/resume, the
 * JMX operations): while paused no new book starts, a book already converting finishes. The pause is kept in the job
 * store, so it outlives a restart, and each call is written to the audit log.
 */
public final class ConversionPause {

    private static final Logger LOG = LoggerFactory.getLogger(ConversionPause.class);

    private final JobStore store;
    private final Clock clock;
    /** Asks for an inbox pass, so the books held back start at once after a resume. */
    private final Runnable passOverInbox;

    public ConversionPause(JobStore store, Clock clock, Runnable passOverInbox) {
        this.store = store;
        this.clock = clock;
        this.passOverInbox = passOverInbox;
    }

    /** Pauses conversion (no change when it is paused already); returns the pause now in force. */
    public PauseState pause(String actor) {
        boolean changed = store.pause().pause(clock.instant(), actor);
        store.audit().record(clock.instant(), actor, "pause", null, changed ? "paused" : "already paused", null);
        if (changed) {
            LOG.info("conversion paused by {}: no new book starts until it is resumed", actor);
        }
        return state();
    }

    /** Lets conversion run again (no change when it is not paused); returns the state now. */
    public PauseState resume(String actor) {
        boolean changed = store.pause().resume();
        store.audit().record(clock.instant(), actor, "resume", null, changed ? "resumed" : "not paused", null);
        if (changed) {
            LOG.info("conversion resumed by {}", actor);
            passOverInbox.run();
        }
        return state();
    }

    /** True while conversion is paused. */
    public boolean paused() {
        return store.pause().current().paused();
    }

    /** The pause in force, with who and since when. */
    public PauseState state() {
        return store.pause().current();
    }
}
