package org.automb.app;

import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.automb.notify.PendingDeliveries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --once} after its last book: waits, at most a bounded time, while notifications are still under way (an
 * event on its way to publish-event, a delivery queued, being sent or waiting for its retry), so a one-shot run's
 * notifications go out before it exits. What is still pending then is named at the stop, as abandoned.
 */
final class OnceNotifications {

    private static final Logger LOG = LoggerFactory.getLogger(OnceNotifications.class);
    private static final long POLL_MILLIS = 100;

    private OnceNotifications() {
    }

    static void awaitSent(CamelContext camel, Duration limit) throws InterruptedException {
        PendingDeliveries pending = camel.getRegistry().lookupByNameAndType("pendingDeliveries", PendingDeliveries.class);
        if (pending == null) {
            return;
        }
        long end = System.nanoTime() + limit.toNanos();
        boolean logged = false;
        while (busy(camel, pending)) {
            if (System.nanoTime() > end) {
                LOG.warn("{} notification(s) still not sent after {} s; exiting without them", pending.size(),
                    limit.toSeconds());
                return;
            }
            if (!logged && pending.size() > 0) {
                LOG.info("waiting up to {} s for {} notification(s) to be sent", limit.toSeconds(), pending.size());
                logged = true;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * Deliveries under way, or an event still on its way in: on publish-event, or on an event route
     * ({@code event-*}, wire-tapped off the book's routes, so it may run a moment after the book settled).
     */
    private static boolean busy(CamelContext camel, PendingDeliveries pending) {
        if (pending.size() > 0) {
            return true;
        }
        for (Route route : camel.getRoutes()) {
            String id = route.getRouteId();
            if ((id.equals("publish-event") || id.startsWith("event-"))
                    && camel.getInflightRepository().size(id) > 0) {
                return true;
            }
        }
        return false;
    }
}
