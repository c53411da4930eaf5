package org.automb.notify;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A destination for tests of the delivery routes: POSTs the event's title as JSON to {@code url} with the token as a
 * bearer header, through the real {@link Outbound}, and judges the answer as every real destination does
 * ({@link HttpReply#requireSuccess()}). The token is one of its secrets.
 */
public record PostingDestination(String label, URI url, String token, Set<EventType> wanted, OptionalInt maxRetries)
        implements Destination {

    public static PostingDestination to(String label, String url, String token) {
        return new PostingDestination(label, URI.create(url), token, EventType.defaults(), OptionalInt.empty());
    }

    public PostingDestination wanting(Set<EventType> types) {
        return new PostingDestination(label, url, token, types, maxRetries);
    }

    public PostingDestination retries(int retries) {
        return new PostingDestination(label, url, token, wanted, OptionalInt.of(retries));
    }

    @Override
    public String kind() {
        return "webhook";
    }

    @Override
    public boolean wants(EventType type) {
        return wanted.contains(type);
    }

    @Override
    public void deliver(NotifyEvent event, Outbound outbound) throws DeliveryFailure {
        outbound.send(OutboundRequest.postJson(url, Map.of("Authorization", "Bearer " + token),
            "{\"event\":\"" + event.type().eventType() + "\",\"title\":\"" + event.title() + "\",\"id\":\"" + event.id() + "\"}"))
            .requireSuccess();
    }

    @Override
    public List<String> secrets() {
        return List.of(token);
    }
}
