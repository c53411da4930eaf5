package org.automb.notify;

/**
 * One event on its way to one destination: the body of the deliver-notification route. Its retries send this same
 * event again; nothing else sends it to this destination.
 */
public record Delivery(NotifyEvent event, Destination destination) {

    /** For logs: the destination's masked label and the event's title, no secrets. */
    @Override
    public String toString() {
        return "Delivery[" + event.type().code() + " '" + event.title() + "' to " + destination.label() + "]";
    }
}
