package org.automb.notify;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What every notification service of NOTIFY_URLS shares: its {@code ?events=} filter, its {@code ?retries=}, and a
 * {@link #toString()} that is its masked label. Subclasses are immutable.
 */
abstract class ServiceDestination implements Destination {

    private final Set<EventType> events;
    private final OptionalInt retries;

    ServiceDestination(ServiceUrl url) {
        this.events = Set.copyOf(url.events());
        this.retries = url.retries();
    }

    @Override
    public final boolean wants(EventType type) {
        return events.contains(type);
    }

    @Override
    public final OptionalInt maxRetries() {
        return retries;
    }

    /** The answer, when it is a success; else its failure, with this destination's secrets masked. */
    final HttpReply requireSuccess(HttpReply reply) throws DeliveryFailure {
        if (reply.isSuccess()) {
            return reply;
        }
        throw masked(DeliveryFailure.ofStatus(reply));
    }

    /** The same failure with any secret of this destination taken out of its message. */
    final DeliveryFailure masked(DeliveryFailure failure) {
        return new DeliveryFailure(Masking.text(failure.getMessage(), secrets()), failure.retryable(),
            failure.retryAfter().orElse(null), failure.statusCode().orElse(null));
    }

    @Override
    public abstract List<String> secrets();

    @Override
    public final String toString() {
        return label();
    }
}
