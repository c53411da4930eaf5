package org.automb.app;

import java.time.Clock;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.automb.config.Settings;
import org.automb.intake.BookFinder;
import org.automb.intake.InboxChanges;
import org.automb.intake.InboxScanner;
import org.automb.intake.ReadinessTracker;
import org.automb.jobs.BookLedger;

/**
 * The intake subsystem: the inbox scanner, the inbox changes the file-system events mark, and the start of the
 * watch-inbox route once the service is up (beans {@code inboxScanner}, {@code inboxChanges},
 * {@code latestInboxChange}; properties {@code inbox.folder}, {@code inbox.pass-after-wait-millis}).
 */
record IntakeWiring(InboxScanner scanner, InboxChanges changes) {

    static IntakeWiring bind(CamelContext context, Settings settings, Clock clock, BookLedger ledger,
                            org.automb.jobs.ConversionGate gate) throws Exception {
        Registry registry = context.getRegistry();
        // the watch-inbox route (docs/architecture.md): file-system events mark inbox entries changed; the same pass as
        // the timer's runs once the events pause, and again once WAIT_TIME has passed, when the changed books are ready
        InboxChanges inboxChanges = new InboxChanges(settings.inbox(), clock, Duration.ofSeconds(settings.waitSeconds()));
        registry.bind("inboxChanges", inboxChanges);
        registry.bind("latestInboxChange", new org.apache.camel.processor.aggregate.UseLatestAggregationStrategy());
        context.getPropertiesComponent().addInitialProperty("inbox.folder", settings.inbox().toString());
        context.getPropertiesComponent().addInitialProperty("inbox.pass-after-wait-millis",
            String.valueOf(settings.waitSeconds() * 1000L + 250));
        context.addStartupListener(new InboxWatchStartup(settings.inbox(), settings.watchInbox()));
        InboxScanner scanner = new InboxScanner(settings.inbox(),
            new BookFinder(settings.audioExtensions(), settings.matchFilter()),
            new ReadinessTracker(Duration.ofSeconds(settings.waitSeconds()), clock), ledger, inboxChanges, gate);
        registry.bind("inboxScanner", scanner);
        return new IntakeWiring(scanner, inboxChanges);
    }
}
