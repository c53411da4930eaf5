package org.automb.jobs;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The timer of the book-errors error handler's delayed redeliveries (its {@code executorServiceRef}): a book waiting
 * for its retry is a task scheduled here, its exchange still in flight. Camel's graceful shutdown waits for every
 * exchange in flight, so a wait of RETRY_BASE_DELAY would hold the stop; when the service stops, {@link #endAll}
 * ends every wait at once: the redelivery runs now and, as the service is stopping, ends its exchange without a new
 * attempt ({@link org.automb.steps.FailureHandling#retryStarting}). The job store keeps the retry, its time and the attempts.
 */
public final class RetryWaits extends ScheduledThreadPoolExecutor {

    private volatile boolean ended;

    public RetryWaits() {
        super(1, runnable -> {
            Thread thread = new Thread(runnable, "retry-wait");
            thread.setDaemon(true);
            return thread;
        });
        setRemoveOnCancelPolicy(true);
    }

    /** The service stops: every waiting redelivery runs now, and one scheduled from now on runs at once. */
    public void endAll() {
        ended = true;
        for (Runnable waiting : getQueue().toArray(new Runnable[0])) {
            if (getQueue().remove(waiting)) {
                execute(waiting);
            }
        }
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return super.schedule(command, ended ? 0 : delay, unit);
    }
}
