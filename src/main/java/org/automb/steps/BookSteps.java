package org.automb.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.automb.attempt.BookAttempt;
import org.automb.attempt.RouteKeys;
import org.automb.config.Settings;
import org.automb.deliver.FreeSpaceGuard;
import org.automb.deliver.DeliveredBooks;
import org.automb.deliver.OutputLayout;
import org.automb.failure.BookChangedException;
import org.automb.failure.TransientFailure;
import org.automb.intake.Book;
import org.automb.intake.BookFingerprint;
import org.automb.intake.TakenBook;
import org.automb.io.SafeMover;
import org.automb.jobs.BookCancellations;
import org.automb.jobs.BookLedger;
import org.automb.jobs.ServiceStop;
import org.automb.jobs.store.BookRun;
import org.automb.jobs.store.JobRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The book-level steps of the process-book and attempt-book routes around the conversion itself: open the book,
 * start each attempt clean, back up, skip what exists, check nothing changed, close the book on success.
 */
public final class BookSteps {

    private static final Logger LOG = LoggerFactory.getLogger(BookSteps.class);

    private final Settings settings;
    private final OutputLayout layout;
    private final SafeMover mover;
    private final BookLedger ledger;
    private final FreeSpaceGuard freeSpace;
    private final org.automb.deliver.ManifestWriter manifests;
    private final Clock clock;
    private final ServiceStop stop;
    private final BookRunRecorder runs;
    private final BookCancellations cancellations;

    private final DeliveredBooks deliveredBooks = new DeliveredBooks();

    public BookSteps(Settings settings, OutputLayout layout, SafeMover mover, BookLedger ledger, FreeSpaceGuard freeSpace,
                     org.automb.deliver.ManifestWriter manifests, Clock clock) {
        this(settings, layout, mover, ledger, freeSpace, manifests, clock, new ServiceStop());
    }

    /** @param stop ends the attempt's ffmpeg processes and decoders when the service stops */
    public BookSteps(Settings settings, OutputLayout layout, SafeMover mover, BookLedger ledger, FreeSpaceGuard freeSpace,
                     org.automb.deliver.ManifestWriter manifests, Clock clock, ServiceStop stop) {
        this(settings, layout, mover, ledger, freeSpace, manifests, clock, stop,
            new BookRunRecorder(ledger.store(), new org.automb.jobs.BookLogTails(), clock));
    }

    /** @param runs records each book's run (delivered or skipped) and its log tail */
    public BookSteps(Settings settings, OutputLayout layout, SafeMover mover, BookLedger ledger, FreeSpaceGuard freeSpace,
                     org.automb.deliver.ManifestWriter manifests, Clock clock, ServiceStop stop, BookRunRecorder runs) {
        this(settings, layout, mover, ledger, freeSpace, manifests, clock, stop, runs, new BookCancellations(ledger.store()));
    }

    /**
     * @param runs          records each book's run (delivered or skipped) and its log tail
     * @param cancellations ends the attempt's ffmpeg processes and decoders when a user cancels this one book
     */
    public BookSteps(Settings settings, OutputLayout layout, SafeMover mover, BookLedger ledger, FreeSpaceGuard freeSpace,
                     org.automb.deliver.ManifestWriter manifests, Clock clock, ServiceStop stop, BookRunRecorder runs,
                     BookCancellations cancellations) {
        this.runs = runs;
        this.stop = stop;
        this.cancellations = cancellations;
        this.manifests = manifests;
        this.settings = settings;
        this.layout = layout;
        this.mover = mover;
        this.ledger = ledger;
        this.freeSpace = freeSpace;
        this.clock = clock;
    }

    /**
     * Opens the book taken by the scan (the body; kept in property {@link RouteKeys#TAKEN}, with the fingerprint it
     * was taken with, to detect changes later); header {@link RouteKeys#ALREADY_CONVERTED} tells the route to skip
     * it, {@link RouteKeys#DELIVERED_BEFORE_CRASH} to finish it. A book that changed while it waited for a worker is
     * read again at once.
     */
    public void begin(@Body TakenBook taken, Exchange exchange) {
        Book book = taken.book();
        runs.begins(book.key());
        exchange.setProperty(RouteKeys.TAKEN, taken);
        java.util.List<String> changes = taken.fingerprint().changesTo(BookFingerprint.of(book));
        if (!changes.isEmpty()) {
            throw new BookChangedException(book.key(), changes, null);
        }
        if (!ledger.startConverting(book.key())) {
            // a user cancelled it while it waited for a worker
            throw new BookCancellations.BookCancelledException(book.key());
        }
        // a user's request (skip-conversion, reprocess) makes a new output whatever lies there
        boolean requested = request(book).isPresent();
        Path output = earlierOutput(book);
        boolean exists = Files.exists(output);
        // a crash between delivering the output and archiving the originals: the output is this book's, finish it
        boolean deliveredBeforeCrash = exists && !requested && ledger.wasInterrupted(book.key())
            && manifests.matchesSources(output.resolveSibling("intake.json"), book);
        if (deliveredBeforeCrash) {
            BookAttempt run = new BookAttempt(book, layout.workFolder(book), clock.instant());
            run.finalOutput(output);
            exchange.setProperty(RouteKeys.ATTEMPT, run);
            LOG.info("book '{}': its output was delivered before the last shutdown; finishing it", book.key());
        }
        exchange.getIn().setHeader(RouteKeys.DELIVERED_BEFORE_CRASH, deliveredBeforeCrash);
        exchange.getIn().setHeader(RouteKeys.ALREADY_CONVERTED, exists && !deliveredBeforeCrash && !settings.overwriteExisting()
            && !requested);
    }

    /** What a user asked of the book's next run (the actions skip-conversion and reprocess); kept until it is delivered. */
    private Optional<JobRequest.Kind> request(Book book) {
        return ledger.store().notes().request(book.key()).map(JobRequest::kind);
    }

    /**
     * Where an output of this book already lies: its key's place; under an OUTPUT_NAMING template (which names a book
     * by tags not read yet), after a crash, the place whose intake.json names its key.
     */
    private Path earlierOutput(Book book) {
        Path released = earlierOutputUnder(book, settings.converted(), layout.outputFile(book));
        if (!settings.web().reviewBeforeRelease() || Files.exists(released)) {
            return released;
        }
        // REVIEW_BEFORE_RELEASE: one waiting for review is an earlier output too (delivered there before a crash)
        Path inReview = earlierOutputUnder(book, settings.web().reviewFolder(), layout.inReview(layout.outputFile(book)));
        return Files.exists(inReview) ? inReview : released;
    }

    private Path earlierOutputUnder(Book book, Path folder, Path byKey) {
        if (layout.naming().followsKey() || !ledger.wasInterrupted(book.key())) {
            return byKey;
        }
        try {
            return deliveredBooks.under(folder).stream().filter(d -> d.key().equals(book.key()))
                .map(DeliveredBooks.Delivered::output).findFirst().orElse(byKey);
        } catch (java.io.IOException e) {
            LOG.warn("book '{}': cannot look for its earlier output under {}: {}", book.key(), folder, e.getMessage());
            return byKey;
        }
    }

    /** Each attempt (the first and every retry) starts from an empty working folder, with enough disk space. */
    public void startAttempt(@ExchangeProperty(RouteKeys.TAKEN) TakenBook taken, Exchange exchange) {
        Book book = taken.book();
        runs.continues(book.key());
        if (stop.isStopping()) {
            // taken just as the stop began: left for the next start (the failure handling sees the stop)
            throw new IllegalStateException("book '" + book.key() + "': not started, the service is stopping");
        }
        BookAttempt run = new BookAttempt(book, layout.workFolder(book), clock.instant());
        exchange.setProperty(RouteKeys.ATTEMPT, run);
        // read at every attempt: a user may ask while the book waits for a retry
        Optional<JobRequest.Kind> request = request(book);
        run.replacesOutput(request.filter(JobRequest.Kind.REPROCESS::equals).isPresent());
        exchange.getIn().setHeader(RouteKeys.DELIVER_AS_IS, request.filter(JobRequest.Kind.SKIP_CONVERSION::equals).isPresent());
        // a stop ends the attempt's processes at once (ffmpeg would finish the book first), and its decoders;
        // a user's cancel of this book does the same
        Runnable endAttempt = () -> {
            run.closeResources();
            endProcessesNaming(run.workDir());
        };
        run.onClose(stop.whenStopping(endAttempt));
        run.onClose(cancellations.whenCancelled(book.key(), endAttempt));
        // cancelled between the worker taking it and now
        cancellations.checkNotCancelled(book.key());
        try {
            mover.deleteTree(run.workDir());
            Files.createDirectories(run.workDir());
        } catch (IOException e) {
            throw new TransientFailure(book.key(), null, "cannot prepare the working folder " + run.workDir() + ": " + e, e);
        }
        freeSpace.check(book);
    }

    /** Kills this service's processes (ffmpeg) with a file in {@code workDir} on their command line. */
    private static void endProcessesNaming(Path workDir) {
        java.util.List<String> folder = java.util.List.of(workDir + "/", workDir.toAbsolutePath() + "/");
        ProcessHandle.current().descendants()
            .filter(process -> process.info().arguments()
                .map(args -> java.util.Arrays.stream(args).anyMatch(arg -> folder.stream().anyMatch(arg::startsWith)))
                .orElse(false))
            .forEach(ProcessHandle::destroyForcibly);
    }

    /** BACKUP=Y: copies the book to BACKUP_FOLDER/&lt;key&gt; and verifies the copy before anything else happens. */
    public void backup(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt run) {
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
                for (Path file : book.files()) {
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

    /** Before anything is delivered: the book's files must be what they were when it was taken, and not cancelled. */
    public void verifyUnchanged(@ExchangeProperty(RouteKeys.TAKEN) TakenBook taken) {
        Book book = taken.book();
        cancellations.checkNotCancelled(book.key());
        java.util.List<String> changes = taken.fingerprint().changesTo(BookFingerprint.of(book));
        if (!changes.isEmpty()) {
            throw new BookChangedException(book.key(), changes, null);
        }
    }

    /** An output exists and OVERWRITE_EXISTING is off: the book is left as it is. */
    public void skipExisting(@ExchangeProperty(RouteKeys.TAKEN) TakenBook taken) {
        Book book = taken.book();
        String reason = "an output already exists at " + layout.outputFile(book) + " (set OVERWRITE_EXISTING=Y to replace it)";
        LOG.warn("book '{}': skipped: {}", book.key(), reason);
        ledger.skipped(book.key(), reason);
        runs.skipped(book.key(), reason);
    }

    /**
     * The last checkpoint of a cancel (after the tag stage, before anything is delivered): from the delivery on, the
     * book is finished whatever comes.
     */
    public void verifyNotCancelled(@ExchangeProperty(RouteKeys.TAKEN) TakenBook taken) {
        cancellations.checkNotCancelled(taken.book().key());
    }

    /**
     * The book is delivered: closes the attempt, records it done (or in review, when it waits in REVIEW_FOLDER; a
     * user's request done with either way), clears its working folder.
     */
    public void succeeded(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt run) throws IOException {
        run.closeResources();
        String key = run.book().key();
        ledger.store().notes().clearRequest(key);
        if (layout.isInReview(run.finalOutput())) {
            ledger.inReview(key, String.valueOf(run.finalOutput()));
        } else {
            ledger.done(key, String.valueOf(run.finalOutput()));
        }
        cancellations.settled(key); // a cancel that came once the book was being delivered: it is delivered
        // before the run: a reader that sees the book delivered sees its tag result too
        run.tagging().ifPresent(tagging -> runs.tagResult(key, tagging.state()));
        boolean passedThrough = run.audioPath() == org.automb.plan.AudioPath.PASSTHROUGH;
        runs.delivered(key, passedThrough ? BookRun.Outcome.PASSED_THROUGH : BookRun.Outcome.CONVERTED,
            run.audioPath() == null ? null : run.audioPath().name(), run.plan() == null ? null : run.plan().totalSeconds(),
            run.finalOutput());
        mover.deleteTree(run.workDir());
    }
}
