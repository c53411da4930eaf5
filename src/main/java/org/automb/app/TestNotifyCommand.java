package org.automb.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.automb.config.Settings;
import org.automb.notify.CamelOutbound;
import org.automb.notify.DeliveryRetryPolicy;
import org.automb.notify.Destinations;
import org.automb.notify.TestNotifications;

/**
 * {@code --test-notify}: sends a Test event to every destination, one after the other, and prints one line each
 * ({@code <label>: sent (HTTP 204)} or {@code <label>: failed: <reason>}). Runs only the outbound routes
 * (routes/outbound.camel.yaml) in a Camel context of its own: no inbox, no job store, no instance lock, no book
 * touched, so it works beside a running service.
 */
final class TestNotifyCommand {

    private final Settings settings;
    private final PrintWriter out;
    private final PrintWriter err;

    TestNotifyCommand(Settings settings, PrintWriter out, PrintWriter err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    /** Returns the exit code: 0 all sent, 6 any failed, 2 nothing configured. */
    int run() throws Exception {
        var notify = settings.notifications();
        // invalid entries were refused before (exit 2), like at a start
        return run(Destinations.from(notify));
    }

    /** The same, to these destinations (tests pass their own). */
    int run(Destinations destinations) throws Exception {
        var notify = settings.notifications();
        if (destinations.isEmpty()) {
            err.println("auto-m4b --test-notify: no destination is configured; set NOTIFY_URLS, WEBHOOK_URLS, or"
                + " ABS_URL, PLEX_URL or JELLYFIN_URL with their tokens (docs/notifications.md)");
            err.flush();
            return AutoM4bCommand.EXIT_CONFIG;
        }
        out.println("sending a test notification to " + destinations.size() + " destination(s)...");
        out.flush();
        try (DefaultCamelContext context = outboundRoutes(notify.timeout().toMillis())) {
            TestNotifications test = new TestNotifications(new CamelOutbound(context.createProducerTemplate()),
                DeliveryRetryPolicy.of(notify.retryBaseDelay(), notify.maxRetries()),
                wait -> Thread.sleep(wait.toMillis()));
            List<TestNotifications.Outcome> outcomes =
                test.sendAll(TestNotifications.event(notify.instanceName(), Clock.systemUTC()), destinations);
            outcomes.forEach(outcome -> out.println(outcome.line()));
            long failed = outcomes.stream().filter(outcome -> !outcome.sent()).count();
            out.println(failed == 0 ? "all " + outcomes.size() + " sent"
                : failed + " of " + outcomes.size() + " failed");
            out.flush();
            return failed == 0 ? AutoM4bCommand.EXIT_OK : AutoM4bCommand.EXIT_NOTIFY_FAILED;
        }
    }

    /** The outbound routes alone (./routes when there, else the jar's), with NOTIFY_TIMEOUT. */
    private static DefaultCamelContext outboundRoutes(long timeoutMillis) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty("notify.timeout-millis", String.valueOf(timeoutMillis));
        Path local = Path.of("routes", "outbound.camel.yaml");
        String location = Files.isRegularFile(local) ? "file:" + local.toAbsolutePath()
            : "classpath:routes/outbound.camel.yaml";
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context, location));
        context.start();
        return context;
    }
}
