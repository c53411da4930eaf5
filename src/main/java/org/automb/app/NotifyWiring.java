package org.automb.app;

import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.automb.config.NotifySettings;
import org.automb.config.Settings;
import org.automb.jobs.store.JobStore;
import org.apache.camel.Processor;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.automb.jobs.RetryWaits;
import org.automb.jobs.ServiceStop;
import org.automb.notify.CamelEventPublisher;
import org.automb.notify.CamelOutbound;
import org.automb.notify.EventPublisher;
import org.automb.notify.Outbound;
import org.automb.notify.Delivery;
import org.automb.notify.DeliveryRetryPolicy;
import org.automb.notify.Destination;
import org.automb.notify.Destinations;
import org.automb.notify.NotificationCounters;
import org.automb.notify.NotificationDelivery;
import org.automb.notify.PendingDeliveries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications, webhooks, the post-convert script and library refresh (routes/outbound.camel.yaml,
 * routes/notify.camel.yaml, docs/notifications.md): beans {@code outbound} and {@code eventPublisher}; properties
 * {@code notify.timeout-millis} and {@code notify.script-enabled}.
 */
final class NotifyWiring {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyWiring.class);

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

    /**
     * The destinations and their delivery (routes publish-event, deliver-notification; routes/notify.camel.yaml):
     * beans {@code destinations}, {@code notificationDelivery}, {@code decideDeliveryRetry}, {@code startDeliveryRetry},
     * {@code deliveryWaits}, {@code notificationCounters}, {@code pendingDeliveries}; property {@code notify.on-retry}.
     * With no destination configured the routes still run and deliver nothing.
     */
    private static void bindDelivery(CamelContext context, Settings settings, Clock clock, JobStore store,
                                     Outbound outbound) {
        // the command line refuses invalid entries before anything starts (exit 2); this throws for other callers
        bindDelivery(context, settings.notifications(), clock, store, outbound,
            Destinations.from(settings.notifications()));
    }

    /** The same, to these destinations (tests pass their own). */
    static void bindDelivery(CamelContext context, NotifySettings notify, Clock clock, JobStore store,
                             Outbound outbound, Destinations destinations) {
        context.getPropertiesComponent().addInitialProperty("notify.on-retry", String.valueOf(notify.notifyOnRetry()));
        // a stop ends every retry wait at once and sends no retry: Camel's graceful stop has nothing to wait for
        ServiceStop stop = new ServiceStop();
        RetryWaits deliveryWaits = new RetryWaits();
        context.getManagementStrategy().addEventNotifier(new StopListener(stop, deliveryWaits));
        PendingDeliveries pending = new PendingDeliveries();
        NotificationCounters counters = new NotificationCounters();
        NotificationDelivery delivery = new NotificationDelivery(destinations, outbound,
            DeliveryRetryPolicy.of(notify.retryBaseDelay(), notify.maxRetries()), store.deliveries(), counters, pending,
            stop::isStopping, clock);
        context.getManagementStrategy().addEventNotifier(new AbandonedDeliveries(pending));
        Registry registry = context.getRegistry();
        registry.bind("destinations", destinations);
        registry.bind("deliveryWaits", deliveryWaits);
        registry.bind("pendingDeliveries", pending);
        registry.bind("notificationCounters", counters);
        registry.bind("notificationDelivery", delivery);
        // notify-errors asks these whether and when to try again (see routes/notify.camel.yaml)
        registry.bind("decideDeliveryRetry", (Processor) delivery::tryFailed);
        registry.bind("startDeliveryRetry", (Processor) delivery::retryStarting);
        if (!destinations.isEmpty()) {
            LOG.info("notifications go to {} destination(s): {}", destinations.size(),
                String.join(", ", destinations.all().stream().map(Destination::label).toList()));
        }
    }

    /** When the service has stopped, names each delivery it abandoned (queued, in flight or waiting for a retry). */
    private static final class AbandonedDeliveries extends SimpleEventNotifierSupport {

        private final PendingDeliveries pending;

        AbandonedDeliveries(PendingDeliveries pending) {
            this.pending = pending;
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.CamelContextStoppedEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            for (Delivery delivery : pending.pending()) {
                LOG.warn("notification to {} about {} abandoned: the service stopped before it was sent",
                    delivery.destination().label(), NotificationDelivery.about(delivery.event()));
            }
        }
    }

    /** The post-convert script (route post-convert-script): its bean, and camel-exec's binding and executor for it. */
    private static void bindScript(CamelContext context, Settings settings, Clock clock, JobStore store) {
        var notify = settings.notifications();
        // unset: the route is never reached (notify.script-enabled), but its beans must resolve
        java.nio.file.Path script = notify.postConvertScript().isEmpty() ? java.nio.file.Path.of("")
            : org.automb.notify.PostConvertScript.resolve(notify.postConvertScript());
        context.getRegistry().bind("postConvertScript", new org.automb.notify.PostConvertScript(script, notify.scriptTimeout(),
            notify.instanceName(), scriptSecrets(settings), store.deliveries(), clock));
        context.getRegistry().bind("postConvertScriptBinding", new org.automb.notify.ScriptExecBinding());
        context.getRegistry().bind("postConvertScriptExecutor", new org.automb.notify.ScriptProcess());
    }

    /** Every secret of the settings: the script inherits the service's environment and may print it. */
    static java.util.List<String> scriptSecrets(Settings settings) {
        var notify = settings.notifications();
        java.util.List<String> secrets = new java.util.ArrayList<>(notify.notifyUrls());
        secrets.addAll(notify.webhookUrls());
        java.util.stream.Stream.of(notify.audiobookshelf(), notify.plex(), notify.jellyfin())
            .flatMap(java.util.Optional::stream).forEach(server -> secrets.add(server.token()));
        secrets.add(settings.web().apiKey());
        secrets.add(settings.web().authPassword());
        return secrets;
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
