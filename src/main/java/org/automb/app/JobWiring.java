package org.automb.app;

import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.automb.config.Settings;
import org.automb.deliver.FailedBookMover;
import org.automb.deliver.FreeSpaceGuard;
import org.automb.deliver.ManifestWriter;
import org.automb.deliver.OutputLayout;
import org.automb.io.SafeMover;
import org.automb.jobs.BookLedger;
import org.automb.jobs.RetryPolicy;
import org.automb.jobs.RetryWaits;
import org.automb.jobs.ServiceStop;
import org.automb.jobs.store.JobStore;
import org.automb.steps.BookRunRecorder;
import org.automb.steps.BookSteps;
import org.automb.steps.FailureHandling;

/**
 * The jobs subsystem: the ledger over the job store, the retry policy and its waits, failure handling, the steps of a
 * book's route and the service's stop (beans {@code bookLedger}, {@code bookSteps}, {@code failureHandling},
 * {@code retryPolicy}, {@code retryWaits}, {@code recordFailureAndDecideRetry}, {@code startRetry}; property
 * {@code book.workers}).
 */
record JobWiring(BookLedger ledger, ServiceStop stop) {

    static JobWiring bind(CamelContext context, Settings settings, Clock clock, JobStore store, DeliveryWiring delivery,
                          BookRunRecorder runs, org.automb.jobs.BookCancellations cancellations) {
        Registry registry = context.getRegistry();
        SafeMover mover = delivery.mover();
        OutputLayout layout = delivery.layout();
        // resolved values the routes use, where the raw setting may be blank ("follow CPU_CORES")
        context.getPropertiesComponent().addInitialProperty("book.workers", String.valueOf(settings.maxParallelBooks()));
        BookLedger ledger = new BookLedger(store, clock);
        RetryPolicy retryPolicy = new RetryPolicy(settings.retryTransientErrors(), settings.maxRetries(), settings.retryBaseDelay());
        // a stop abandons what is under way (encodes, retry waits) instead of waiting for it; see docs/reliability.md
        ServiceStop stop = new ServiceStop();
        RetryWaits retryWaits = new RetryWaits();
        registry.bind("retryWaits", retryWaits);
        context.getManagementStrategy().addEventNotifier(new StopListener(stop, retryWaits));
        registry.bind("bookLedger", ledger);
        registry.bind("bookSteps", new BookSteps(settings, layout, mover, ledger,
            new FreeSpaceGuard(settings.working(), settings.converted(), settings.minFreeSpaceMb()), new ManifestWriter(clock), clock, stop, runs, cancellations));
        org.apache.camel.ProducerTemplate inboxPasses = context.createProducerTemplate();
        registry.bind("failureHandling", new FailureHandling(ledger, retryPolicy,
            new FailedBookMover(settings.failed(), mover, clock.getZone()), settings.moveFailedBooks(), mover, clock, stop, runs, cancellations,
            () -> inboxPasses.asyncSendBody("direct:inbox-pass", null)));
        registry.bind("retryPolicy", retryPolicy);
        FailureHandling failures = registry.lookupByNameAndType("failureHandling", FailureHandling.class);
        // the error handler asks these whether and when to retry: see book-errors in routes/process-book.camel.yaml
        // (a retry scheduled is announced off the book's flow: route event-book-retry-scheduled, routes/events.camel.yaml)
        registry.bind("recordFailureAndDecideRetry", new org.automb.notify.RetryAnnouncement(failures::attemptFailed,
            context.createProducerTemplate()));
        registry.bind("startRetry", (org.apache.camel.Processor) failures::retryStarting);
        return new JobWiring(ledger, stop);
    }
}
