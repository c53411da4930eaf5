package org.automb.jobs;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.automb.jobs.store.EventCause;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;

/**
 * A user cancels one book (the API's {@code /cancel}): what runs for it (its in-JVM encoders, its ffmpeg processes)
 * registers how to end itself here, per book, as it does with {@link ServiceStop} for the whole service; the
 * failure handling then asks {@link #isCancelled} so the attempt ends CANCELLED, not failed and not retried.
 */
public final class BookCancellations {

    private final JobStore store;

    public BookCancellations(JobStore store) {
        this.store = store;
    }

    /**
     * Cancels the book: its job becomes CANCELLED (a user's change) unless it is finished already, and a running
     * attempt is told to stop.
     *
     * @return true when a running attempt of the book was told to stop
     */
    public boolean cancel(String key) {
        throw new UnsupportedOperationException("not yet");
    }

    /** True when a user cancelled the book's running attempt (or its job is CANCELLED now). */
    public boolean isCancelled(String key) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Runs {@code cancel} when the book {@code key} is cancelled (at once when it is cancelled already). Closing the
     * returned handle, when the work ended by itself, forgets it.
     */
    public ServiceStop.Registration whenCancelled(String key, Runnable cancel) {
        throw new UnsupportedOperationException("not yet");
    }
}
