package org.automb.steps;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.automb.attempt.BookAttempt;
import org.automb.attempt.RouteKeys;
import org.automb.deliver.FailedBookMover;
import org.automb.failure.BookChangedException;
import org.automb.failure.BookFailure;
import org.automb.failure.BookFailures;
import org.automb.intake.Book;
import org.automb.intake.BookFingerprint;
import org.automb.intake.TakenBook;
import org.automb.io.SafeMover;
import org.automb.jobs.BookCancellations;
import org.automb.jobs.BookLedger;
import org.automb.jobs.RetryPolicy;
import org.automb.jobs.ServiceStop;
import org.automb.jobs.store.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The beans behind the book-errors route configuration: record each failed attempt in the job store and decide on
 * a retry (Camel then redelivers the attempt after the stored delay), and, when no retry is left, the dead letter.
 */
public final class FailureHandling {

    private static final Logger LOG = LoggerFactory.getLogger(FailureHandling.class);

    private final BookLedger ledger;
    private final RetryPolicy policy;
    private final FailedBookMover failedBooks;
    private final boolean moveFailedBooks;
    private final SafeMover mover;
    private final Clock clock;
    private final ServiceStop stop;
    private final BookRunRecorder runs;
    private final BookCancellations cancellations;
    private final Runnable askForInboxPass;

    public FailureHandling(BookLedger ledger, RetryPolicy policy, FailedBookMover failedBooks, boolean moveFailedBooks,
                           SafeMover mover, Clock clock) {
        this(ledger, policy, failedBooks, moveFailedBooks, mover, clock, new ServiceStop());
    }

    /** @param stop tells an attempt cut short by the service's stop from a failure of the book */
    public FailureHandling(BookLedger ledger, RetryPolicy policy, FailedBookMover failedBooks, boolean moveFailedBooks,
                           SafeMover mover, Clock clock, ServiceStop stop) {
        this(ledger, policy, failedBooks, moveFailedBooks, mover, clock, stop,
            new BookRunRecorder(ledger.store(), new org.automb.jobs.BookLogTails(), clock));
    }

    /** @param runs records a book's failed run and its log tail */
    public FailureHandling(BookLedger ledger, RetryPolicy policy, FailedBookMover failedBooks, boolean moveFailedBooks,
                           SafeMover mover, Clock clock, ServiceStop stop, BookRunRecorder runs) {
        this(ledger, policy, failedBooks, moveFailedBooks, mover, clock, stop, runs, new BookCancellations(ledger.store()));
    }

    /**
     * @param runs          records a book's failed or cancelled run and its log tail
     * @param cancellations tells an attempt a user cancelled from a failure of the book
     */
    public FailureHandling(BookLedger ledger, RetryPolicy policy, FailedBookMover failedBooks, boolean moveFailedBooks,
                           SafeMover mover, Clock clock, ServiceStop stop, BookRunRecorder runs,
                           BookCancellations cancellations) {
        this(ledger, policy, failedBooks, moveFailedBooks, mover, clock, stop, runs, cancellations, () -> { });
    }

    /**
     * @param askForInboxPass asks the pipeline for a pass over the inbox (on another thread): a book a user asked for
     *                        again while its cancelled attempt was ending is taken as soon as this process lets go of
     *                        it, not at the next SLEEP_TIME scan
     */
    public FailureHandling(BookLedger ledger, RetryPolicy policy, FailedBookMover failedBooks, boolean moveFailedBooks,
                           SafeMover mover, Clock clock, ServiceStop stop, BookRunRecorder runs,
                           BookCancellations cancellations, Runnable askForInboxPass) {
        this.askForInboxPass = askForInboxPass;
        this.cancellations = cancellations;
        this.runs = runs;
        this.stop = stop;
        this.ledger = ledger;
        this.policy = policy;
        this.failedBooks = failedBooks;
        this.moveFailedBooks = moveFailedBooks;
        this.mover = mover;
        this.clock = clock;
    }

    /**
     * onExceptionOccurred: records the failed attempt and whether (and when) it is retried, as the
     * {@link FailureVerdict} in property {@link RouteKeys#VERDICT}. An attempt that failed while the book's files
     * changed under it is no failure of the book: its verdict is {@link FailureVerdict.Outcome#BOOK_CHANGED} (no
     * attempt counted, no retry) and the book is read again once it is stable.
     */
    public void attemptFailed(Exchange exchange) {
        TakenBook taken = exchange.getProperty(RouteKeys.TAKEN, TakenBook.class);
        BookAttempt attempt = exchange.getProperty(RouteKeys.ATTEMPT, BookAttempt.class);
        Throwable error = exchange.getException() != null ? exchange.getException()
            : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        exchange.setProperty(RouteKeys.VERDICT, verdict(taken, attempt, error, exchange));
    }

    private FailureVerdict verdict(TakenBook taken, BookAttempt attempt, Throwable error, Exchange exchange) {
        Book book = taken == null ? null : taken.book();
        clearAttempt(attempt, book);
        if (book == null) {
            return FailureVerdict.failed(0);
        }
        if (stop.isStopping()) {
            // the stop ended the attempt (its encoders cancelled, its ffmpeg killed): nothing is recorded, the job stays
            // as it was and the next start's recovery queues the book again, attempts unchanged (a job a user
            // cancelled meanwhile stays CANCELLED); the job store may be closing, so it is not asked first
            return FailureVerdict.stopped();
        }
        if (cancellations.isCancelled(book.key())) {
            // a user cancelled the book: its encoders and ffmpeg were ended, its working folder is cleared above; no
            // attempt is counted and no retry scheduled
            return FailureVerdict.cancelledByUser();
        }
        BookChangedException change = changeBehind(taken, attempt, error);
        if (change != null) {
            return FailureVerdict.changed(change);
        }
        String reason = describe(book, error);
        int failureNumber = ledger.store().find(book.key()).map(Job::attempts).orElse(0) + 1;
        Optional<Duration> wait = policy.nextRetry(error, failureNumber);
        Instant retryAt = wait.map(d -> clock.instant().plus(d)).orElse(null);
        ledger.recordFailure(book.key(), policy.isTransient(error, failureNumber), reason, retryAt);
        if (wait.isEmpty()) {
            return FailureVerdict.failed(failureNumber);
        }
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, wait.get().toMillis());
        LOG.warn("{} (attempt {} of {}); retrying in {}", reason, failureNumber, policy.maxRetries() + 1, human(wait.get()));
        return FailureVerdict.retry(failureNumber, retryAt);
    }

    /** onRedelivery: the retry starts now. */
    public void retryStarting(Exchange exchange) {
        Book book = exchange.getProperty(RouteKeys.TAKEN, TakenBook.class).book();
        FailureVerdict verdict = exchange.getProperty(RouteKeys.VERDICT, FailureVerdict.class);
        int attempt = (verdict == null ? 1 : verdict.failureNumber()) + 1;
        runs.continues(book.key());
        if (stop.isStopping()) {
            // the stop ended the wait (see RetryWaits): no new attempt now; the job store keeps the retry and its time
            exchange.setRouteStop(true);
            LOG.info("book '{}': its retry (attempt {} of {}) waits for the next start", book.key(), attempt,
                policy.maxRetries() + 1);
            return;
        }
        if (cancellations.isCancelled(book.key())) {
            // a user cancelled the book while it waited for this retry: it does not start again
            exchange.setRouteStop(true);
            boolean stillCancelled = ledger.cancelled(book.key());
            cancellations.settled(book.key());
            takeAgainIfReopened(book.key(), stillCancelled);
            LOG.info("book '{}': cancelled while it waited for its retry; not tried again", book.key());
            runs.cancelled(book.key(), "cancelled by a user while it waited for its retry");
            return;
        }
        LOG.info("book '{}': retry, attempt {} of {}", book.key(), attempt, policy.maxRetries() + 1);
        ledger.retrying(book.key(), attempt);
    }

    /** The dead letter: the book failed for good. Moves it to the failed folder with FAILED_INFO.txt (or leaves it). */
    public void bookFailed(@ExchangeProperty(RouteKeys.TAKEN) TakenBook taken,
                           @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error) {
        Book book = taken == null ? null : taken.book();
        if (book == null) {
            LOG.error("a book failed before it was identified: {}", String.valueOf(error));
            return;
        }
        Job job = ledger.store().find(book.key()).orElse(null);
        String reason = job != null && job.errorMessage() != null ? job.errorMessage() : describe(book, error);
        BookFailure failure = BookFailures.find(error);
        boolean transientError = job != null && job.errorClass() == org.automb.jobs.store.ErrorClass.TRANSIENT;
        int attempts = job == null ? 1 : job.attempts();
        String headline = reason.lines().findFirst().orElse(reason);
        String details = reason.contains("\n") ? reason.substring(reason.indexOf('\n')) : "";
        if (!moveFailedBooks) {
            LOG.error("{}; gave up after {} attempt(s); the originals are untouched in the inbox and are skipped until"
                + " their files change{}", headline, attempts, details);
            ledger.failedForGood(book.key());
            runs.failed(book.key(), reason, null);
            return;
        }
        String movedTo = null;
        try {
            var report = new FailedBookMover.FailureReport(book.name(), clock.instant(), transientError, attempts,
                policy.maxRetries(), headline, failure == null ? stackHead(error) : failure.details());
            var folder = failedBooks.moveToFailed(book, report);
            ledger.movedAway(book.key(), folder.toString());
            movedTo = folder.toString();
            LOG.error("{}; gave up after {} attempt(s); the originals are untouched, moved to {} (see FAILED_INFO.txt){}",
                headline, attempts, folder, details);
            failedBooks.keepLog(folder, book.key(), runs.linesSoFar(book.key()));
        } catch (IOException | RuntimeException e) {
            LOG.error("{}; gave up after {} attempt(s); the originals are untouched in the inbox (moving them to the failed"
                + " folder failed: {}){}", headline, attempts, e.getMessage(), details);
        }
        ledger.failedForGood(book.key());
        runs.failed(book.key(), reason, movedTo);
    }

    /** The stop interrupted the book's attempt: nothing is counted; the next start converts it again. */
    public void interruptedByStop(@ExchangeProperty(RouteKeys.TAKEN) TakenBook taken) {
        Book book = taken == null ? null : taken.book();
        LOG.info("book '{}': conversion abandoned as the service stops; it is converted again at the next start",
            book == null ? "?" : book.key());
    }

    /**
     * A user cancelled the book: its attempt ended (encoders and ffmpeg stopped, working folder cleared), its originals
     * stay in the inbox as they were. The job is CANCELLED, a cancelled run recorded; no attempt counted, no retry.
     */
    public void cancelled(@ExchangeProperty(RouteKeys.TAKEN) TakenBook taken,
                          @ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt attempt) {
        Book book = taken == null ? null : taken.book();
        if (book == null) {
            return;
        }
        boolean stillCancelled = ledger.cancelled(book.key());
        cancellations.settled(book.key());
        LOG.info("book '{}': cancelled by a user; {}; its files stay in the inbox as they are", book.key(),
            attempt == null ? "it had not started yet" : "its conversion was stopped and its working files removed");
        takeAgainIfReopened(book.key(), stillCancelled);
        String audioPath = attempt == null || attempt.audioPath() == null ? null : attempt.audioPath().name();
        Double seconds = attempt == null || attempt.plan() == null ? null : attempt.plan().totalSeconds();
        runs.record(book.key(), org.automb.jobs.store.BookRun.Outcome.CANCELLED, audioPath, seconds, null, null,
            "cancelled by a user");
    }

    private void takeAgainIfReopened(String key, boolean stillCancelled) {
        if (!stillCancelled) {
            LOG.info("book '{}': asked for again by a user after the cancel; it is taken again now", key);
            askForInboxPass.run();
        }
    }

    /** The book changed while it was converted: drop this attempt, read the book again once it is stable. */
    public void bookChanged(@ExchangeProperty(RouteKeys.TAKEN) TakenBook taken,
                            @ExchangeProperty(RouteKeys.VERDICT) FailureVerdict verdict,
                            @ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt attempt) {
        Book book = taken.book();
        BookChangedException change = verdict == null ? null : verdict.change();
        String what = change == null || change.changes().isEmpty() ? "" : " (" + String.join(", ", change.changes()) + ")";
        Throwable failure = change == null ? null : change.getCause();
        String outcome = failure != null
            ? "the attempt, which failed meanwhile (" + firstLine(describe(book, failure)) + "), does not count"
            : attempt == null ? "it had not started yet" : "the result was discarded";
        LOG.warn("book '{}': its files changed during the conversion{}; {}; it will be read again once they have"
            + " stopped changing", book.key(), what, outcome);
        ledger.changedWhileConverting(book.key());
    }

    /**
     * The change behind a failure: the error itself, or a failure of an attempt whose book's files are no longer
     * the ones it started with (a file removed, replaced, rewritten or added). Null when the files are unchanged,
     * or once the output is delivered (from then on the service itself moves the originals away).
     */
    private static BookChangedException changeBehind(TakenBook taken, BookAttempt run, Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof BookChangedException change) {
                return change;
            }
        }
        if (run != null && run.finalOutput() != null) {
            return null;
        }
        Book book = taken.book();
        List<String> changes = taken.fingerprint().changesTo(BookFingerprint.of(book));
        return changes.isEmpty() ? null : new BookChangedException(book.key(), changes, error);
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse(text);
    }

    /** Stops what the failed attempt left running and clears its working folder, so a retry starts clean. */
    private void clearAttempt(BookAttempt run, Book book) {
        if (run == null) {
            return;
        }
        run.closeResources();
        try {
            mover.deleteTree(run.workDir());
        } catch (IOException e) {
            LOG.warn("book '{}': could not clean {}: {}", book == null ? "?" : book.key(), run.workDir(), e.getMessage());
        }
    }

    /** One line naming the book and, where one is to blame, the file, with ffmpeg's last lines indented below. */
    static String describe(Book book, Throwable error) {
        BookFailure failure = BookFailures.find(error);
        if (failure != null) {
            return failure.userMessage() + (failure.details().isEmpty() ? "" : "\n" + failure.details().indent(4).stripTrailing());
        }
        return "book '" + book.key() + "': unexpected error: " + error;
    }

    private static String stackHead(Throwable error) {
        if (error == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(error.toString());
        StackTraceElement[] stack = error.getStackTrace();
        for (int i = 0; i < Math.min(5, stack.length); i++) {
            out.append("\n  at ").append(stack[i]);
        }
        return out.toString();
    }

    private static String human(Duration delay) {
        long seconds = delay.toSeconds();
        return seconds >= 60 ? (seconds / 60) + " min " + (seconds % 60) + " s" : delay.toMillis() + " ms";
    }
}
