package org.automb.app;

import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the watch-inbox route once the service is up, or says in one line why the inbox is not watched.
 * <p>
 * The route does not start with the others: an inbox that cannot be watched (the system's inotify limits reached,
 * a file system without a watch service) must not stop the service, which then finds books by its SLEEP_TIME scan
 * alone, as it does on a network share whose changes made elsewhere send no events at all.
 */
final class InboxWatchStartup implements StartupListener {

    /** The id of the route in routes/intake.camel.yaml. */
    static final String ROUTE_ID = "watch-inbox";

    private static final Logger LOG = LoggerFactory.getLogger(InboxWatchStartup.class);

    private final Path inbox;
    private final boolean wanted;

    /** @param wanted WATCH_INBOX */
    InboxWatchStartup(Path inbox, boolean wanted) {
        this.inbox = inbox;
        this.wanted = wanted;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the watch starts once every route runs (onCamelContextFullyStarted), so its first events find them ready
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        if (!wanted) {
            LOG.info("inbox {}: not watched for changes (WATCH_INBOX=N); books are found by the SLEEP_TIME scan", inbox);
            return;
        }
        try {
            context.getRouteController().startRoute(ROUTE_ID);
            LOG.info("inbox {}: watched for changes, besides the SLEEP_TIME scan", inbox);
        } catch (Exception | LinkageError e) {
            // LinkageError: the native watch service of some platforms (macOS: JNA) that cannot load
            LOG.warn("inbox {}: cannot be watched for changes ({}); books are found by the SLEEP_TIME scan only", inbox,
                reason(e));
        }
    }

    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
