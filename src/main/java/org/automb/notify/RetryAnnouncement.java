package org.automb.notify;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.automb.attempt.RouteKeys;
import org.automb.steps.FailureVerdict;

/**
 * The book-errors route's onExceptionOccurred (bean {@code recordFailureAndDecideRetry}): the failure handling
 * decides on the failed attempt, then a retry it scheduled is announced on another thread (route
 * event-book-retry-scheduled). Camel runs no route step between a failure and its redelivery, so this is the wire
 * tap there: the event's route gets a new exchange with what it needs (the book, the verdict, the error), never the
 * book's own, and the book never waits for it.
 */
public final class RetryAnnouncement implements Processor {

    /** The event's route (routes/events.camel.yaml). */
    public static final String RETRY_SCHEDULED = "direct:event-book-retry-scheduled";

    private final Processor decide;
    private final ProducerTemplate template;

    /** @param decide records the failure and sets the {@link FailureVerdict} in property {@link RouteKeys#VERDICT} */
    public RetryAnnouncement(Processor decide, ProducerTemplate template) {
        this.decide = decide;
        this.template = template;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        decide.process(exchange);
        FailureVerdict verdict = exchange.getProperty(RouteKeys.VERDICT, FailureVerdict.class);
        Object taken = exchange.getProperty(RouteKeys.TAKEN);
        if (verdict == null || !verdict.retryAllowed() || taken == null) {
            return;
        }
        Object attempt = exchange.getProperty(RouteKeys.ATTEMPT);
        Throwable error = exchange.getException() != null ? exchange.getException()
            : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        template.asyncSend(RETRY_SCHEDULED, tap -> {
            tap.setProperty(RouteKeys.TAKEN, taken);
            tap.setProperty(RouteKeys.VERDICT, verdict);
            if (attempt != null) {
                tap.setProperty(RouteKeys.ATTEMPT, attempt);
            }
            tap.setProperty(Exchange.EXCEPTION_CAUGHT, error);
        });
    }
}
