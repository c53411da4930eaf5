package org.automb.jobs;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service is stopping ({@code docker stop}, Ctrl+C, the end of {@code --once}): what is under way is abandoned
 * rather than waited for. Work that takes long registers how to cancel itself ({@link #whenStopping}); the failure
 * handling asks {@link #isStopping} so an attempt cut short by the stop is not counted as a failure of the book.
 *
 * <p>Camel's context tells it when its stop begins (see {@code AppConfiguration}). A SIGTERM may be quicker than
 * that: the JVM's shutdown hooks, commons-exec's among them (it ends every ffmpeg it started), run at once, so an
 * attempt can fail from the stop before Camel knows; {@link #isStopping} therefore also reports a JVM shutting down.
 */
public final class ServiceStop {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceStop.class);

    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Set<Runnable> cancellations = ConcurrentHashMap.newKeySet();

    /** The service stops now: runs every registered cancellation once; later calls do nothing. */
    public void stopping() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        for (Runnable cancel : cancellations) {
            cancelQuietly(cancel);
        }
        cancellations.clear();
    }

    /** True from the start of the stop on, and while the JVM shuts down. */
    public boolean isStopping() {
        return stopping.get() || jvmShuttingDown();
    }

    /**
     * Runs {@code cancel} when the service stops (at once when it is stopping already). Closing the returned handle,
     * when the work ended by itself, forgets it.
     */
    public Registration whenStopping(Runnable cancel) {
        cancellations.add(cancel);
        if (stopping.get() && cancellations.remove(cancel)) {
            cancelQuietly(cancel);
        }
        return () -> cancellations.remove(cancel);
    }

    /** A cancellation registered with {@link #whenStopping}; closing it forgets it. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private static void cancelQuietly(Runnable cancel) {
        try {
            cancel.run();
        } catch (RuntimeException e) {
            // the stop goes on: what could not be cancelled ends with the JVM
            LOG.debug("cancelling {} at the stop failed", cancel, e);
        }
    }

    /** The JVM refuses new shutdown hooks once its shutdown has begun: the one public sign of it. */
    static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
