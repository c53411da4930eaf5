package org.automb.notify;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The wire taps to the events' routes prepare their copy with this (bean {@code eventTap}, {@code onPrepare}): the
 * copy forgets that it came from the book's route, so it is the event route's own exchange and is never counted as
 * one more book of process-book (by metrics, or a test's NotifyBuilder waiting for books). Runs on the book's thread,
 * so it only clears two fields and cannot fail.
 */
public final class EventTap implements Processor {

    @Override
    public void process(Exchange copy) {
        copy.getExchangeExtension().setFromEndpoint(null);
        copy.getExchangeExtension().setFromRouteId(null);
    }
}
