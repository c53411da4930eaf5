package org.automb.jobs;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.automb.jobs.store.EventCause;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user cancels one book (the API's {@code /cancel}). What runs for a book (its attempt: in-JVM encoders, ffmpeg
 * processes, decoder feeds) registers here, per book, how to end itself, as it does with {@link ServiceStop} for the
 * whole service; the failure handling then asks {@link #isCancelled} so that the attempt ends CANCELLED: not a
 * failure, not retried, no attempt counted.
 *
 * <p>A book that is not running here (waiting in the inbox, queued for a worker, waiting for its retry) only has its
 * job moved to CANCELLED: the worker that takes it from the queue, and the retry when its wait ends, find it so and
 * let it go ({@link BookLedger#startConverting}, {@code FailureHandling.retryStarting}).
 */
public final class BookCancellations {

    private static final Logger LOG = LoggerFactory.getLogger(BookCancellations.class);

    private final JobStore store;
    /** What ends each book's running attempt, by key. */
    private final Map<String, Set<Runnable>> running = new ConcurrentHashMap<>();
    /** Books whose running attempt a user cancelled and whose outcome is not recorded yet. */
    private final Set<String> requested = ConcurrentHashMap.newKeySet();

    public BookCancellations(JobStore store) {
        this.store = store;
    }

    /**
     * Cancels the book: its job becomes CANCELLED (a user's change) unless it is finished already, and a running
     * attempt is told to stop (its encoders end within a few frames, its ffmpeg processes are killed).
     *
     * @return true when a running attempt of the book was told to stop
     */
    public boolean cancel(String key) {
        boolean moved = store.transitionIfStill(key, BookLedger.IN_FLIGHT_OR_WAITING, JobState.CANCELLED, EventCause.API,
            "cancelled by a user");
        Set<Runnable> stops = running.get(key);
        if (stops == null || stops.isEmpty()) {
            return false;
        }
        requested.add(key);
        for (Runnable stop : stops) {
            stopQuietly(key, stop);
        }
        LOG.info("book '{}': cancelled by a user; its conversion stops{}", key, moved ? "" : " (its job had moved on)");
        return true;
    }

    /** True when a user cancelled the book's running attempt, or its job is CANCELLED now. */
    public boolean isCancelled(String key) {
        return requested.contains(key) || store.find(key).map(Job::state).orElse(null) == JobState.CANCELLED;
    }

    /** A checkpoint between an attempt's steps: throws when the book was cancelled, so nothing more is written. */
    public void checkNotCancelled(String key) {
        if (isCancelled(key)) {
            throw new BookCancelledException(key);
        }
    }

    /**
     * Runs {@code stop} when the book {@code key} is cancelled (at once when its running attempt is cancelled
     * already). Closing the returned handle, when the work ended by itself, forgets it.
     */
    public ServiceStop.Registration whenCancelled(String key, Runnable stop) {
        running.compute(key, (k, stops) -> {
            Set<Runnable> all = stops == null ? ConcurrentHashMap.newKeySet() : stops;
            all.add(stop);
            return all;
        });
        if (requested.contains(key)) {
            stopQuietly(key, stop);
        }
        return () -> running.computeIfPresent(key, (k, stops) -> {
            stops.remove(stop);
            return stops.isEmpty() ? null : stops;
        });
    }

    /** The cancelled attempt's outcome is recorded (or it finished anyway): the request is spent. */
    public void settled(String key) {
        requested.remove(key);
    }

    private static void stopQuietly(String key, Runnable stop) {
        try {
            stop.run();
        } catch (RuntimeException e) {
            // what could not be stopped ends with the attempt; its outcome is CANCELLED all the same
            LOG.debug("book '{}': stopping {} at its cancel failed", key, stop, e);
        }
    }

    /** Ends a cancelled book's attempt between two steps. */
    public static final class BookCancelledException extends RuntimeException {
        public BookCancelledException(String key) {
            super("book '" + key + "': cancelled by a user", null, false, false);
        }
    }
}
