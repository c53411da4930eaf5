package org.automb.app;

import java.io.PrintWriter;
import java.time.Clock;
import org.automb.config.Settings;
import org.automb.jobs.store.JobStore;
import org.automb.jobs.store.JobStoreException;
import org.automb.jobs.store.StoreInspection;
import org.automb.status.StatusJson;
import org.automb.status.StatusService;
import org.automb.status.StatusText;

/**
 * {@code --status} and {@code --status --json}: what the job store says, whether or not the service runs (SQLite lets
 * a second process read while it writes). Takes no instance lock and starts nothing; a store that is not there yet
 * is not created.
 */
final class StatusCommand {

    private final Settings settings;
    private final Clock clock;
    private final PrintWriter out;
    private final PrintWriter err;

    StatusCommand(Settings settings, Clock clock, PrintWriter out, PrintWriter err) {
        this.settings = settings;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /** Prints the status; returns the exit code: 0, or 5 when the store cannot be opened. */
    int run(boolean json) {
        String url = EarlyStart.storeUrl(settings);
        StoreInspection found = JobStore.inspect(url);
        if (found.condition() != StoreInspection.Condition.READY) {
            return cannotOpen(found.condition() == StoreInspection.Condition.ABSENT
                ? "there is no job store at " + found.where() + " (the service has not run with this CONFIG_FOLDER or DATABASE_URL)"
                : "cannot open the job store at " + found.where() + ": " + found.detail());
        }
        try (JobStore store = JobStore.open(url, clock)) {
            StatusService status = new StatusService(store, settings, clock, StatusWiring.version());
            if (json) {
                out.println(StatusJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(status.status()));
            } else {
                new StatusText(clock.getZone()).render(status.status(), clock.instant()).forEach(out::println);
            }
            out.flush();
            return AutoM4bCommand.EXIT_OK;
        } catch (JobStoreException e) {
            return cannotOpen("cannot open the job store at " + found.where() + ": " + e.getMessage());
        } catch (java.io.IOException e) {
            return cannotOpen("cannot write the status: " + e.getMessage());
        }
    }

    private int cannotOpen(String line) {
        err.println("auto-m4b --status: " + line);
        err.flush();
        return AutoM4bCommand.EXIT_CANNOT_START;
    }
}
