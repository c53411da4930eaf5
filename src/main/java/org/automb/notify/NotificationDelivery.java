package org.automb.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.automb.jobs.store.DeliveryRecord;
import org.automb.jobs.store.DeliveryTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery of events (routes publish-event and deliver-notification in routes/notify.camel.yaml): one
 * {@link Delivery} per destination that wants the event, each sent on the delivery queue's threads, tried again
 * with backoff as {@link DeliveryRetryPolicy} decides, and settled once: one row in the job's deliveries, one count,
 * and for a delivery given up one warning naming the destination and the book.
 */
public final class NotificationDelivery {

    /** Exchange property: the {@link DeliveryVerdict} of the last failed try; read by notify-errors' retryWhile. */
    public static final String VERDICT = "deliveryVerdict";

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDelivery.class);

    private final Destinations destinations;
    private final Outbound outbound;
    private final DeliveryRetryPolicy policy;
    private final DeliveryTable store;
    private final NotificationCounters counters;
    private final PendingDeliveries pending;
    private final BooleanSupplier stopping;
    private final Clock clock;

    public NotificationDelivery(Destinations destinations, Outbound outbound, DeliveryRetryPolicy policy,
                                DeliveryTable store, NotificationCounters counters, PendingDeliveries pending,
                                BooleanSupplier stopping, Clock clock) {
        this.destinations = destinations;
        this.outbound = outbound;
        this.policy = policy;
        this.store = store;
        this.counters = counters;
        this.pending = pending;
        this.stopping = stopping;
        this.clock = clock;
    }

    /** Every event is logged once, by its title (made for people, no secrets). */
    public void announce(@Body NotifyEvent event) {
        LOG.info("event {}{}: {}", event.type().code(), event.key() == null ? "" : " of book '" + event.key() + "'",
            event.title());
    }

    /** One delivery per destination that wants this event (see {@link Destination#wants(NotifyEvent)}), in order. */
    public List<Delivery> deliveries(@Body NotifyEvent event) {
        return destinations.wanting(event).stream().map(destination -> new Delivery(event, destination)).toList();
    }

    /**
     * The delivery enters the queue.
     *
     * @return false when this very event is already under way to this destination: it is not sent twice
     */
    public boolean queued(@Body Delivery delivery) {
        return pending.queued(delivery);
    }

    /** The queue is full (the destinations cannot keep up): this one is dropped rather than make the caller wait. */
    public void dropped(@Body Delivery delivery) {
        LOG.warn("notification to {} about {} dropped: too many notifications are waiting to be sent",
            delivery.destination().label(), about(delivery.event()));
        settle(delivery, "failed", 0, null, "dropped: too many notifications were waiting to be sent", "dropped");
    }

    /**
     * One try (the first, or a retry of the same event).
     *
     * @param previous the verdict on the last failed try; null for the first
     * @throws DeliveryFailure when it did not arrive (notify-errors decides what follows)
     */
    public void deliver(@Body Delivery delivery, @ExchangeProperty(VERDICT) DeliveryVerdict previous)
            throws DeliveryFailure {
        int tries = previous == null ? 1 : previous.tries() + 1;
        Integer status = DeliveryTry.once(delivery, outbound);
        LOG.debug("notification to {} about {} sent (try {})", delivery.destination().label(), about(delivery.event()), tries);
        settle(delivery, "sent", tries, status, null, "sent");
    }

    /**
     * notify-errors' onExceptionOccurred: whether and when the failed try is repeated, as the {@link DeliveryVerdict}
     * in property {@link #VERDICT} and the wait in the CamelRedeliveryDelay header.
     */
    public void tryFailed(Exchange exchange) {
        Delivery delivery = exchange.getIn().getBody(Delivery.class);
        Throwable error = exchange.getException() != null ? exchange.getException()
            : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        DeliveryVerdict previous = exchange.getProperty(VERDICT, DeliveryVerdict.class);
        int tries = previous == null ? 1 : previous.tries() + 1;
        DeliveryFailure failure = error instanceof DeliveryFailure known ? known
            : new DeliveryFailure(error == null ? "unknown error" : DeliveryTry.reason(error, delivery.destination()),
                false, null, null);
        var wait = stopping.getAsBoolean() ? java.util.Optional.<Duration>empty()
            : policy.nextWait(delivery.destination(), tries, failure);
        if (wait.isPresent()) {
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, wait.get().toMillis());
            LOG.info("notification to {} about {} failed (try {} of {}): {}; trying again in {} ms",
                delivery.destination().label(), about(delivery.event()), tries,
                policy.retriesOf(delivery.destination()) + 1, DeliveryTry.reason(failure, delivery.destination()),
                wait.get().toMillis());
        }
        exchange.setProperty(VERDICT, new DeliveryVerdict(wait.isPresent(), tries, wait.orElse(Duration.ZERO), failure));
    }

    /** notify-errors' onRedelivery: a stop ends the wait, and then no retry is sent (the delivery is abandoned). */
    public void retryStarting(Exchange exchange) {
        if (stopping.getAsBoolean()) {
            exchange.setRouteStop(true);
        }
    }

    /** notify-errors' last step: the delivery is given up, recorded and logged once. */
    public void givenUp(@Body Delivery delivery, @ExchangeProperty(VERDICT) DeliveryVerdict verdict) {
        DeliveryFailure failure = verdict.failure();
        String reason = DeliveryTry.reason(failure, delivery.destination());
        LOG.warn("notification to {} about {} given up after {} {}: {}", delivery.destination().label(),
            about(delivery.event()), verdict.tries(), verdict.tries() == 1 ? "try" : "tries", reason);
        settle(delivery, "failed", verdict.tries(), failure.statusCode().orElse(null), reason, "failed");
    }

    /** The delivery's one row and count; it is no longer under way. */
    private void settle(Delivery delivery, String outcome, int tries, Integer status, String detail, String counted) {
        Destination destination = delivery.destination();
        try {
            counters.count(destination, counted);
            store.record(new DeliveryRecord(0, clock.instant(), delivery.event().key(), delivery.event().type().code(),
                destination.label(), destination.kind(), outcome, tries, status, detail));
        } catch (RuntimeException e) {
            // the job store may be closing (a stop) or unreachable: the log line stays
            LOG.warn("notification to {} about {}: {} but not recorded: {}", destination.label(), about(delivery.event()),
                outcome, DeliveryTry.reason(e, destination));
        } finally {
            pending.settled(delivery);
        }
    }

    /** "book 'Dune'" or "health: disk space low". */
    public static String about(NotifyEvent event) {
        return event.key() != null ? "book '" + event.key() + "'" : event.type().code() + " '" + event.title() + "'";
    }

    public PendingDeliveries pending() {
        return pending;
    }

    public NotificationCounters counters() {
        return counters;
    }
}
