package org.automb.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.automb.config.Settings;
import org.automb.config.StartupFailure;
import org.automb.deliver.DeliveredBooks;
import org.automb.jobs.store.CorruptStoreException;
import org.automb.jobs.store.JobStore;
import org.automb.jobs.store.JobStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the job store at start. A damaged SQLite file (its header or pages overwritten) is not a reason to stay
 * down: it is kept aside under a timestamped name, a fresh store is begun, and what the folders still tell is put
 * back: the books delivered to the converted folder, from their {@code intake.json} (books in the inbox are found
 * by the next scan anyway). Retry counters and history are lost, and one WARN line says so. A store that cannot be
 * reached (a server down, a file without permission) is a start-up failure: nothing is set aside.
 */
public final class JobStoreStartup {

    private static final Logger LOG = LoggerFactory.getLogger(JobStoreStartup.class);

    private final DeliveredBooks deliveredBooks;

    public JobStoreStartup(DeliveredBooks deliveredBooks) {
        this.deliveredBooks = deliveredBooks;
    }

    /** The store for {@code settings}, begun afresh when its SQLite file is damaged. */
    public JobStore open(Settings settings, Clock clock) {
        String url = EarlyStart.storeUrl(settings);
        try {
            return JobStore.open(url, clock);
        } catch (CorruptStoreException damaged) {
            List<Path> kept;
            try {
                kept = JobStore.setAside(url, clock.instant());
            } catch (IOException e) {
                throw new JobStoreException(damaged.getMessage() + ", and it cannot be set aside (" + e
                    + "); move " + damaged.file() + " away by hand", e);
            }
            JobStore fresh = JobStore.open(url, clock);
            int recovered = rebuild(fresh, settings);
            LOG.warn("{}; kept aside as {}; began a fresh job store: {} delivered book(s) known again from their {} in {};"
                    + " lost: retry counters, failure history and the state of books not yet delivered (books in the"
                    + " inbox are read again)", damaged.getMessage(), kept.get(0).getFileName(), recovered,
                DeliveredBooks.MANIFEST, settings.converted());
            return fresh;
        }
    }

    /** Records each book the converted folder holds as done; returns how many. */
    private int rebuild(JobStore store, Settings settings) {
        Path converted = settings.converted();
        try {
            int recorded = 0;
            for (DeliveredBooks.Delivered book : deliveredBooks.under(converted)) {
                if (store.recordDelivered(book.key(), book.contentHash(), book.output().toString())) {
                    recorded++;
                    warnIfStillInInbox(book, settings);
                }
            }
            return recorded;
        } catch (IOException e) {
            // the store is usable; books not recorded are read again from the inbox if they are there
            LOG.warn("cannot read back the books delivered to {} ({}); a book left in the inbox may be skipped as already"
                + " converted", converted, e.toString());
            return 0;
        }
    }

    /**
     * A delivered book whose folder is still in the inbox although its originals should have left it: cut off between
     * delivery and archiving, or dropped again. The lost store cannot tell which, so nothing is done to it but say so.
     */
    private static void warnIfStillInInbox(DeliveredBooks.Delivered book, Settings settings) {
        if (settings.onComplete() != Settings.OnComplete.TEST_DO_NOTHING && java.nio.file.Files.isDirectory(settings.inbox().resolve(book.key()))) {
            LOG.warn("book '{}': delivered to {} before the job store was lost, and still in the inbox; it is left there,"
                + " not converted again until its files change: archive or remove it by hand", book.key(), book.output());
        }
    }

    /** What --validate says about a damaged store: what the start will do about it. */
    static String damagedWarning(String where, String detail) {
        return "the job database " + where + " is damaged (" + StartupFailure.oneLine(detail) + "); at start it is kept"
            + " aside as <name>-damaged-<time>.db and a fresh store is begun from the " + DeliveredBooks.MANIFEST
            + " files in CONVERTED_FOLDER (retry counters and history are lost)";
    }
}
