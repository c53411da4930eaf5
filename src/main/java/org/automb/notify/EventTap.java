package org.automb.notify;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The wire taps to the events' routes prepare their copy with this (bean {@code eventTap}, {@code onPrepare}): the
 * copy forgets that it came from the book's route, so it is the event route's own exchange and is never counted as
 * one more book of process-book (by metrics, or a test's NotifyBuilder waiting for books). Runs on the book's thread,
 * so it only sets two fields and cannot fail.
 */
public final class EventTap implements Processor {

    /**
     * What the copies say they came from. Not null: Camel fills a null in with the route the copy was tapped from
     * (seen in 4.17), which would count every event as one more book again.
     */
    public static final String FROM_ROUTE = "event-tap";

    @Override
    public void process(Exchange copy) {
        copy.getExchangeExtension().setFromEndpoint(null);
        copy.getExchangeExtension().setFromRouteId(FROM_ROUTE);
    }
}
