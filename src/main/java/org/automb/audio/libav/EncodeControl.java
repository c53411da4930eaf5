package org.automb.audio.libav;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shared by the encoders of one book: the time limit, a stop signal when one of them failed or the service stops,
 * and the samples encoded so far (for the progress log).
 */
public final class EncodeControl {

    /** Ends an encoder because another one of the same book failed. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped: another segment of the book failed", null, false, false);
        }
    }

    /** Ends an encoder at the book's time limit. */
    static final class TimedOut extends RuntimeException {
        TimedOut() {
            super("timed out", null, false, false);
        }
    }

    /** Ends an encoder because the service is stopping or a user cancelled the book. */
    public static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled: the service is stopping, or the book was cancelled", null, false, false);
        }
    }

    private final long deadlineNanos;
    private volatile boolean cancelled;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong encodedSamples = new AtomicLong();

    public EncodeControl(long limitMillis) {
        this.deadlineNanos = System.nanoTime() + limitMillis * 1_000_000;
    }

    /** Throws when the book's encoders should stop: over the time limit, or another segment failed. */
    void check() {
        if (cancelled) {
            throw new Cancelled();
        }
        if (stopped.get()) {
            throw new Stopped();
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            stopped.set(true);
            throw new TimedOut();
        }
    }

    /** Ends every encoder of the book at its next check (the service is stopping, or a user cancelled the book). */
    public void cancel() {
        cancelled = true;
        stopped.set(true);
    }

    void stopAll() {
        stopped.set(true);
    }

    void encoded(long samples) {
        encodedSamples.addAndGet(samples);
    }

    public long encodedSamples() {
        return encodedSamples.get();
    }
}
