package org.automb.notify;

import java.util.List;
import java.util.OptionalInt;

/**
 * One place events are delivered to: a notification service (from NOTIFY_URLS), a webhook (WEBHOOK_URLS) or a
 * library server to refresh (ABS_*, PLEX_*, JELLYFIN_*). Immutable; built once at start from the settings.
 */
public interface Destination {

    /** How people see it in logs, the job store, the API and the page: secrets masked ({@code discord://1234…/***}). */
    String label();

    /** {@code discord}, {@code pushover}, {@code ntfy}, {@code gotify}, {@code telegram}, {@code email}, {@code json},
     * {@code apprise}, {@code webhook}, {@code audiobookshelf}, {@code plex}, {@code jellyfin}. */
    String kind();

    /** Whether it gets events of this type (its {@code ?events=} filter, or its kind's default). */
    boolean wants(EventType type);

    /**
     * Whether it gets this very event: as its type says, unless the event lacks what it needs (a library server
     * asked to pick up a book needs the delivered file). One not wanted is neither sent nor recorded as sent.
     */
    default boolean wants(NotifyEvent event) {
        return wants(event.type());
    }

    /**
     * Delivers one event, once: the caller retries (with the same event) when this throws a retryable failure.
     *
     * @throws DeliveryFailure when it did not arrive; {@link DeliveryFailure#retryable()} says whether to try again
     */
    void deliver(NotifyEvent event, Outbound outbound) throws DeliveryFailure;

    /** Its own retry limit ({@code ?retries=N} in its URL); empty = NOTIFY_MAX_RETRIES. */
    default OptionalInt maxRetries() {
        return OptionalInt.empty();
    }

    /** The secret parts of its URL (tokens, passwords, keys), masked wherever an error message might repeat them. */
    default List<String> secrets() {
        return List.of();
    }
}
