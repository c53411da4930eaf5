package org.automb.status;

import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobProgress;
import org.automb.jobs.store.JobStoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Job changes and progress ticks as {@link LiveEvent}s for the page's event stream. The store tells this listener
 * on the pipeline's threads; the events are built and handed to the subscribers on one thread of its own, through
 * a bounded queue, so a slow or failing subscriber never holds up a book (when the queue is full, events are
 * dropped: the page reloads the state it missed on the next event or poll).
 */
public final class LiveEvents implements JobStoreListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);
    private static final int QUEUE_CAPACITY = 10_000;

    private final StatusService status;
    private final List<Consumer<LiveEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor dispatcher;

    public LiveEvents(StatusService status) {
        this.status = status;
        this.dispatcher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY), runnable -> {
                Thread thread = new Thread(runnable, "live-events");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());
    }

    /**
     * Hands every event from now on to {@code subscriber}, on the events' thread.
     *
     * @return closing it ends the subscription
     */
    public AutoCloseable subscribe(Consumer<LiveEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Hands {@code event} to the subscribers, later, on the events' thread. */
    public void publish(LiveEvent event) {
        dispatch(() -> event);
    }

    /** How many subscribers there are now. */
    public int subscriberCount() {
        return subscribers.size();
    }

    @Override
    public void jobChanged(Job job) {
        dispatch(() -> new LiveEvent(LiveEvent.JOB, status.summaryOf(job)));
    }

    @Override
    public void progressChanged(JobProgress progress) {
        dispatch(() -> new LiveEvent(LiveEvent.PROGRESS, new ProgressEvent(JobIds.idOf(progress.key()), progress.key(),
            status.progressOf(progress))));
    }

    private void dispatch(java.util.function.Supplier<LiveEvent> event) {
        if (subscribers.isEmpty() || dispatcher.isShutdown()) {
            return;
        }
        dispatcher.execute(() -> deliver(event));
    }

    private void deliver(java.util.function.Supplier<LiveEvent> event) {
        LiveEvent built;
        try {
            built = event.get();
        } catch (RuntimeException e) {
            LOG.warn("Could not build a live event: {}", e.toString());
            return;
        }
        for (Consumer<LiveEvent> subscriber : subscribers) {
            try {
                subscriber.accept(built);
            } catch (RuntimeException e) {
                LOG.debug("A live event subscriber failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        dispatcher.shutdownNow();
    }
}
