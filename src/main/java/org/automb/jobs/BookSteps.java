package org.automb.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.automb.config.Settings;
import org.automb.finish.OutputLayout;
import org.automb.finish.SafeMover;
import org.automb.intake.Book;
import org.automb.intake.BookFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The book-level steps of the process-book route around the conversion itself: open the run, back up,
 * skip what exists, close the run on success or failure.
 */
public final class BookSteps {

    private static final Logger LOG = LoggerFactory.getLogger(BookSteps.class);

    private final Settings settings;
    private final OutputLayout layout;
    private final SafeMover mover;
    private final BookLedger ledger;
    private final Clock clock;

    public BookSteps(Settings settings, OutputLayout layout, SafeMover mover, BookLedger ledger, Clock clock) {
        this.settings = settings;
        this.layout = layout;
        this.mover = mover;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Opens the run for the book in the body; header {@code alreadyConverted} tells the route to skip it. */
    public void begin(Exchange exchange) throws IOException {
        Book book = exchange.getIn().getBody(Book.class);
        BookRun run = new BookRun(book, layout.workFolder(book), clock.instant());
        exchange.setProperty("run", run);
        ledger.converting(book.key());
        boolean exists = Files.exists(layout.outputFile(book));
        exchange.getIn().setHeader("alreadyConverted", exists && !settings.overwriteExisting());
        mover.deleteTree(run.workDir());
        Files.createDirectories(run.workDir());
    }

    /** BACKUP=Y: copies the book to BACKUP_FOLDER/&lt;key&gt; and verifies the copy before anything else happens. */
    public void backup(Exchange exchange) {
        BookRun run = exchange.getProperty("run", BookRun.class);
        if (!settings.backupFirst()) {
            return;
        }
        Book book = run.book();
        Path target = layout.backupFolder(book);
        try {
            if (Files.exists(target)) {
                mover.verifySameFiles(book.root(), book.looseFile() ? target.resolve(book.root().getFileName().toString()) : target);
                return;
            }
            if (book.looseFile()) {
                for (Path file : book.audioFiles()) {
                    mover.copyTree(file, target.resolve(file.getFileName().toString()));
                }
                for (Path file : book.extraFiles()) {
                    mover.copyTree(file, target.resolve(file.getFileName().toString()));
                }
            } else {
                mover.copyTree(book.root(), target);
            }
            LOG.info("book '{}': backed up to {}", book.key(), target);
        } catch (IOException e) {
            throw new TransientFailure(book.key(), null, "the backup to " + target + " failed: " + e.getMessage(), e);
        }
    }

    public void skipExisting(Exchange exchange) throws IOException {
        BookRun run = exchange.getProperty("run", BookRun.class);
        String reason = "an output already exists at " + layout.outputFile(run.book()) + " (set OVERWRITE_EXISTING=Y to replace it)";
        LOG.warn("book '{}': skipped: {}", run.book().key(), reason);
        ledger.skipped(run.book().key(), reason);
        mover.deleteTree(run.workDir());
    }

    public void succeeded(Exchange exchange) throws IOException {
        BookRun run = exchange.getProperty("run", BookRun.class);
        run.closeResources();
        ledger.done(run.book().key());
        mover.deleteTree(run.workDir());
    }

    /**
     * The book failed: say why in one line naming the book and file, keep the originals untouched,
     * and clear the working folder.
     */
    public void failed(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        BookRun run = exchange.getProperty("run", BookRun.class);
        Book book = run != null ? run.book() : exchange.getIn().getBody(Book.class);
        String key = book == null ? "?" : book.key();
        String message;
        if (error instanceof BookFailure failure) {
            message = failure.userMessage() + (failure.details().isEmpty() ? "" : "\n" + failure.details().indent(4).stripTrailing());
        } else {
            message = "book '" + key + "': unexpected error: " + error;
        }
        LOG.error("{}; the originals are untouched", message, LOG.isDebugEnabled() ? error : null);
        if (book != null) {
            ledger.failed(key, BookFingerprint.of(book).contentHash(), message);
        }
        if (run != null) {
            run.closeResources();
            try {
                mover.deleteTree(run.workDir());
            } catch (IOException e) {
                LOG.warn("book '{}': could not clean {}: {}", key, run.workDir(), e.getMessage());
            }
        }
    }
}
