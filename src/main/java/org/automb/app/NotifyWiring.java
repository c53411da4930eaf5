package org.automb.app;

import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.automb.config.Settings;
import org.automb.jobs.store.JobStore;
import org.automb.notify.CamelEventPublisher;
import org.automb.notify.CamelOutbound;
import org.automb.notify.EventPublisher;
import org.automb.notify.Outbound;

/**
 * Notifications, webhooks, the post-convert script and library refresh (routes/outbound.camel.yaml,
 * routes/notify.camel.yaml, docs/notifications.md): beans {@code outbound} and {@code eventPublisher}; properties
 * {@code notify.timeout-millis} and {@code notify.script-enabled}.
 */
final class NotifyWiring {

    private final EventPublisher publisher;

    private NotifyWiring(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /** Binds the beans of routes/*notify*, *outbound* and the events' routes; before {@link ReviewWiring#bindGate}. */
    static NotifyWiring bind(CamelContext context, Settings settings, Clock clock, JobStore store) {
        var notify = settings.notifications();
        context.getPropertiesComponent().addInitialProperty("notify.timeout-millis",
            String.valueOf(notify.timeout().toMillis()));
        context.getPropertiesComponent().addInitialProperty("notify.script-enabled",
            String.valueOf(!notify.postConvertScript().isEmpty()));
        ProducerTemplate template = context.createProducerTemplate();
        Outbound outbound = new CamelOutbound(template);
        context.getRegistry().bind("outbound", outbound);
        EventPublisher publisher = new CamelEventPublisher(template);
        context.getRegistry().bind("eventPublisher", publisher);
        bindDelivery(context, settings, clock, store, outbound);
        bindScript(context, settings, clock, store);
        bindEvents(context, settings, clock, store, publisher);
        return new NotifyWiring(publisher);
    }

    /** What every other subsystem hands its events to. */
    EventPublisher publisher() {
        return publisher;
    }

    /** The destinations and their delivery (routes publish-event, deliver-notification). */
    private static void bindDelivery(CamelContext context, Settings settings, Clock clock, JobStore store,
                                     Outbound outbound) {
    }

    /** The post-convert script (route post-convert-script). */
    private static void bindScript(CamelContext context, Settings settings, Clock clock, JobStore store) {
    }

    /** The events of a book's routes (beans bookEvents and eventTap; routes/events.camel.yaml). */
    private static void bindEvents(CamelContext context, Settings settings, Clock clock, JobStore store,
                                   EventPublisher publisher) {
        java.nio.file.Path reviewFolder = settings.web().reviewBeforeRelease() ? settings.web().reviewFolder() : null;
        context.getRegistry().bind("bookEvents",
            new org.automb.notify.BookEvents(clock, store, settings.inbox(), reviewFolder, settings.maxRetries()));
        context.getRegistry().bind("eventTap", new org.automb.notify.EventTap());
    }
}
