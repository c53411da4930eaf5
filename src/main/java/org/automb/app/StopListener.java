package org.automb.app;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.automb.jobs.RetryWaits;
import org.automb.jobs.ServiceStop;

/**
 * Tells the service it is stopping as soon as Camel's stop begins, before Camel's graceful shutdown waits for the
 * books in flight: their encodes are cancelled and their retry waits ended, so there is soon nothing to wait for.
 */
final class StopListener extends SimpleEventNotifierSupport {

    private final ServiceStop stop;
    private final RetryWaits retryWaits;

    StopListener(ServiceStop stop, RetryWaits retryWaits) {
        this.stop = stop;
        this.retryWaits = retryWaits;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStoppingEvent || event instanceof CamelEvent.CamelContextStoppedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.CamelContextStoppingEvent) {
            stop.stopping();
            retryWaits.endAll();
        } else {
            retryWaits.shutdownNow();
        }
    }
}
