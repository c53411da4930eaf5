package org.automb.notify;

/**
 * Hands an event to the notification routes ({@code direct:publish-event}). Returns at once: the deliveries run on
 * their own threads, so no caller (a book's route, an action, the health watch) ever waits on a destination.
 */
public interface EventPublisher {

    /** The endpoint every event enters. */
    String PUBLISH_EVENT = "direct:publish-event";

    void publish(NotifyEvent event);
}
