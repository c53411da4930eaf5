package org.automb.app;

import java.time.Clock;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.automb.actions.ReviewGate;
import org.automb.config.Settings;
import org.automb.deliver.FailedBookMover;
import org.automb.deliver.ManifestWriter;
import org.automb.jobs.BookCancellations;
import org.automb.jobs.store.JobStore;
import org.automb.steps.TagStep;

/**
 * A user's say over single books: cancelling one (bean {@code bookCancellations}, which the book's steps and its
 * failure handling share) and the review gate (bean {@code reviewGate}; property {@code review.beforeRelease}, on
 * which the finish-book route chooses the deliver-for-review route).
 */
final class ReviewWiring {

    private ReviewWiring() {
    }

    /** Binds {@code bookCancellations} and the route property; before {@link JobWiring}, whose steps use them. */
    static BookCancellations bindCancellations(CamelContext context, Settings settings, JobStore store) {
        context.getPropertiesComponent().addInitialProperty("review.beforeRelease",
            String.valueOf(settings.web().reviewBeforeRelease()));
        BookCancellations cancellations = new BookCancellations(store);
        context.getRegistry().bind("bookCancellations", cancellations);
        return cancellations;
    }

    /**
     * Binds {@code reviewGate}; after {@link TaggingWiring}, whose tag queue it asks about books still to tag, and
     * after {@link NotifyWiring}, whose {@code bookEvents} and {@code eventPublisher} announce its decisions.
     */
    static void bindGate(CamelContext context, Settings settings, Clock clock, JobStore store, DeliveryWiring delivery) {
        Registry registry = context.getRegistry();
        TagStep tagStep = registry.lookupByNameAndType("tagStep", TagStep.class);
        Predicate<String> beingTagged = tagStep == null ? key -> false : tagStep::isQueued;
        registry.bind("reviewGate", new ReviewGate(settings, delivery.layout(), delivery.mover(), store,
            new ManifestWriter(clock), new FailedBookMover(settings.failed(), delivery.mover(), clock.getZone()),
            beingTagged, clock, registry.lookupByNameAndType("bookEvents", org.automb.notify.BookEvents.class),
            registry.lookupByNameAndType("eventPublisher", org.automb.notify.EventPublisher.class)));
    }
}
