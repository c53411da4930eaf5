package org.automb.metadata;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces requests to one service evenly, across all threads: each caller reserves the next free slot and waits until
 * it comes. Even spacing rather than bursts, because the services publish no burst allowance.
 */
public final class RateLimiter {

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long nextFree;
    private boolean used;

    /**
     * @param interval the least time between the starts of two requests
     * @param nanoTime a monotonic time source in nanoseconds ({@code System::nanoTime})
     */
    public RateLimiter(Duration interval, LongSupplier nanoTime, Sleeper sleeper) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative: " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** At most {@code requests} per second ({@code AUDIBLE_RATE}); 0 or less means no limit. */
    public static RateLimiter perSecond(double requests, Sleeper sleeper) {
        Duration interval = requests <= 0 ? Duration.ZERO : Duration.ofNanos(Math.round(1_000_000_000L / requests));
        return new RateLimiter(interval, System::nanoTime, sleeper);
    }

    /** At most {@code requests} per minute (Audnexus allows 100). */
    public static RateLimiter perMinute(int requests, Sleeper sleeper) {
        return perSecond(requests / 60.0, sleeper);
    }

    /** Waits until this caller may send its request. */
    public void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            long slot = used && nextFree - now > 0 ? nextFree : now;
            used = true;
            nextFree = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }
}
