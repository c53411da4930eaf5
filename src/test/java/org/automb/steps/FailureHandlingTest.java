package org.automb.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.automb.attempt.BookAttempt;
import org.automb.attempt.RouteKeys;
import org.automb.failure.BookChangedException;
import org.automb.failure.PermanentFailure;
import org.automb.failure.TransientFailure;
import org.automb.intake.Book;
import org.automb.intake.BookFingerprint;
import org.automb.intake.TakenBook;
import org.automb.io.SafeMover;
import org.automb.jobs.BookLedger;
import org.automb.jobs.RetryPolicy;
import org.automb.jobs.ServiceStop;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** attemptFailed: a failure while the book's files changed is a change (nothing counted); otherwise a failure. */
class FailureHandlingTest {

    @TempDir
    Path root;

    private JobStore store;
    private BookLedger ledger;
    private FailureHandling handling;
    private Book book;

    @BeforeEach
    void setUp() throws Exception {
        store = JobStore.open(JobStore.defaultUrl(Files.createDirectories(root.resolve("config"))), Clock.systemUTC());
        ledger = new BookLedger(store, Clock.systemUTC());
        handling = new FailureHandling(ledger, new RetryPolicy(true, 2, Duration.ofSeconds(1)), null, true,
            new SafeMover(), Clock.systemUTC());
        Path folder = Files.createDirectories(root.resolve("inbox/Book"));
        book = new Book("Book", "Book", folder, List.of(Files.write(folder.resolve("01.mp3"), new byte[10]),
            Files.write(folder.resolve("02.mp3"), new byte[20])), List.of(), false);
        assertThat(ledger.claim("Book", BookFingerprint.of(book).contentHash())).isTrue();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aFailureAfterAFileVanishedIsAChangeAndCountsNoAttempt() throws Exception {
        Exchange exchange = failedAttempt();
        Files.delete(book.audioFiles().get(1));

        handling.attemptFailed(exchange);

        BookChangedException change = verdict(exchange).change();
        assertThat(change).isNotNull();
        assertThat(change.changes()).containsExactly("02.mp3 was removed");
        assertThat(verdict(exchange).retryAllowed()).isFalse();
        assertThat(store.find("Book").map(Job::attempts)).hasValue(0);
    }

    @Test
    void aFailureOfAnUnchangedBookIsRecordedAsOne() {
        Exchange exchange = failedAttempt();

        handling.attemptFailed(exchange);

        assertThat(verdict(exchange).change()).isNull();
        assertThat(verdict(exchange).retryAllowed()).as("permanent").isFalse();
        assertThat(store.find("Book").map(Job::attempts)).hasValue(1);
    }

    @Test
    void aFailureOnceTheOutputIsDeliveredIsNeverAChange() throws Exception {
        Exchange exchange = failedAttempt();
        BookAttempt run = new BookAttempt(book, root.resolve("working/Book"), java.time.Instant.now());
        run.finalOutput(root.resolve("converted/Book/Book.m4b"));
        exchange.setProperty(RouteKeys.ATTEMPT, run);
        Files.delete(book.audioFiles().get(0)); // archived by the service itself before the failure

        handling.attemptFailed(exchange);

        assertThat(verdict(exchange).change()).isNull();
        assertThat(store.find("Book").map(Job::attempts)).hasValue(1);
    }

    @Test
    void aFailureWhileTheServiceStopsIsAnInterruptionThatCountsNothing() {
        ServiceStop stop = new ServiceStop();
        FailureHandling stopping = new FailureHandling(ledger, new RetryPolicy(true, 2, Duration.ofSeconds(1)), null, true,
            new SafeMover(), Clock.systemUTC(), stop);
        Exchange exchange = failedAttempt();
        stop.stopping();

        stopping.attemptFailed(exchange);

        assertThat(verdict(exchange).interruptedByStop()).isTrue();
        assertThat(verdict(exchange).retryAllowed()).isFalse();
        Job job = store.find("Book").orElseThrow();
        assertThat(job.attempts()).as("attempts").isZero();
        assertThat(job.errorMessage()).as("no failure recorded").isNull();
    }

    @Test
    void aRetryDueWhileTheServiceStopsIsLeftToTheNextStart() {
        ServiceStop stop = new ServiceStop();
        FailureHandling stopping = new FailureHandling(ledger, new RetryPolicy(true, 2, Duration.ofSeconds(1)), null, true,
            new SafeMover(), Clock.systemUTC(), stop);
        Exchange exchange = failedAttempt();
        exchange.setException(new TransientFailure("Book", null, "disk full", ""));
        stopping.attemptFailed(exchange);
        Job scheduled = store.find("Book").orElseThrow();
        stop.stopping();

        stopping.retryStarting(exchange);

        assertThat(exchange.isRouteStop()).as("no new attempt now").isTrue();
        Job afterStop = store.find("Book").orElseThrow();
        assertThat(afterStop.state()).isEqualTo(org.automb.jobs.store.JobState.RETRY_SCHEDULED);
        assertThat(afterStop.attempts()).isEqualTo(scheduled.attempts()).isEqualTo(1);
        assertThat(afterStop.nextRetryAt()).isEqualTo(scheduled.nextRetryAt());
    }

    private static FailureVerdict verdict(Exchange exchange) {
        return exchange.getProperty(RouteKeys.VERDICT, FailureVerdict.class);
    }

    /** An attempt of the book as taken, failed with the file-at-fault error a decoder gives. */
    @Test
    void aBookAskedForAgainWhileItsCancelledAttemptEndsStaysWaitingAndIsTakenAgain() {
        java.util.concurrent.atomic.AtomicInteger inboxPasses = new java.util.concurrent.atomic.AtomicInteger();
        org.automb.jobs.BookCancellations cancellations = new org.automb.jobs.BookCancellations(store);
        FailureHandling handling = cancellable(cancellations, inboxPasses::incrementAndGet);
        assertThat(ledger.startConverting("Book")).isTrue();
        cancellations.cancel("Book");
        // the user sees CANCELLED and asks for the book again (skip conversion) before the attempt has ended
        assertThat(store.reopen("Book", java.util.Set.of(org.automb.jobs.store.JobState.CANCELLED),
            org.automb.jobs.store.EventCause.API, "skip-conversion requested by a test")).isPresent();

        handling.cancelled(new TakenBook(book, BookFingerprint.of(book)), null);

        assertThat(store.find("Book").map(Job::state)).hasValue(org.automb.jobs.store.JobState.WAITING);
        assertThat(inboxPasses).hasValue(1);
        assertThat(ledger.isBusy("Book")).as("this process let go of it").isFalse();
    }

    @Test
    void aCancelledAttemptEndsCancelledWithoutAnInboxPass() {
        java.util.concurrent.atomic.AtomicInteger inboxPasses = new java.util.concurrent.atomic.AtomicInteger();
        org.automb.jobs.BookCancellations cancellations = new org.automb.jobs.BookCancellations(store);
        FailureHandling handling = cancellable(cancellations, inboxPasses::incrementAndGet);
        assertThat(ledger.startConverting("Book")).isTrue();
        cancellations.cancel("Book");

        handling.cancelled(new TakenBook(book, BookFingerprint.of(book)), null);

        assertThat(store.find("Book").map(Job::state)).hasValue(org.automb.jobs.store.JobState.CANCELLED);
        assertThat(inboxPasses).hasValue(0);
    }

    /** Failure handling that tells cancels by {@code cancellations} and asks for inbox passes through {@code passes}. */
    private FailureHandling cancellable(org.automb.jobs.BookCancellations cancellations, Runnable passes) {
        return new FailureHandling(ledger, new RetryPolicy(true, 2, Duration.ofSeconds(1)), null, true,
            new SafeMover(), Clock.systemUTC(), new ServiceStop(),
            new BookRunRecorder(store, new org.automb.jobs.BookLogTails(), Clock.systemUTC()), cancellations, passes);
    }

    private Exchange failedAttempt() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(RouteKeys.TAKEN, new TakenBook(book, BookFingerprint.of(book)));
        exchange.setException(new PermanentFailure("Book", book.audioFiles().get(1), "the audio cannot be decoded", ""));
        return exchange;
    }
}
