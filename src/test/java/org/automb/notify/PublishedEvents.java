package org.automb.notify;


import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.builder.RouteBuilder;

/**
 * Test edge for the events of a book: a consumer of {@code direct:publish-event} that keeps every event published
 * (the notification routes' own consumer is left out of the tests that use it, so this is the only one: see
 * {@link #EXCLUDE_NOTIFY_ROUTES}).
 */
public final class PublishedEvents extends RouteBuilder {

    /** camel.main.routes-exclude-pattern for a test that consumes direct:publish-event itself. */
    public static final String EXCLUDE_NOTIFY_ROUTES = org.automb.app.AutoM4bCommand.API_ROUTES + ",**/notify.camel.yaml";

    private final List<NotifyEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void configure() {
        from(EventPublisher.PUBLISH_EVENT).routeId("test-published-events")
            .process(exchange -> events.add(exchange.getIn().getBody(NotifyEvent.class)));
    }

    /** The events of the book {@code key}, in the order they were published. */
    public List<NotifyEvent> of(String key) {
        return events.stream().filter(e -> key.equals(e.key())).toList();
    }

    /** The types of the book's events, in order. */
    public List<EventType> typesOf(String key) {
        return of(key).stream().map(NotifyEvent::type).toList();
    }

    /** Waits until the book has an event of {@code type} (events are published on other threads). */
    public NotifyEvent await(String key, EventType type) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> of(key).stream().anyMatch(e -> e.type() == type));
        return of(key).stream().filter(e -> e.type() == type).findFirst().orElseThrow();
    }
}
