package org.automb.notify;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.automb.attempt.BookAttempt;
import org.automb.attempt.RouteKeys;
import org.automb.failure.BookFailure;
import org.automb.failure.BookFailures;
import org.automb.intake.Book;
import org.automb.intake.TakenBook;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;
import org.automb.steps.FailureVerdict;
import org.automb.tagging.TagJob;
import org.automb.tagging.TagOutcome;
import org.automb.tagging.TagState;

/**
 * Makes the {@link NotifyEvent}s of a book (bean {@code bookEvents}, routes/events.camel.yaml) from what its routes
 * hold when it happens: the attempt, the book as taken, the failure and its verdict, the tag queue's job and outcome.
 * Each event gets a new id and the service clock's time, a one-line title and a few lines of message.
 */
public final class BookEvents {

    /** How the job store marks the content of a book moved to FAILED_FOLDER (JobStore.markMovedAway). */
    private static final String MOVED_AWAY = "moved-away:";

    private final Clock clock;
    private final JobStore store;
    private final Path inbox;
    private final Path reviewFolder;
    private final int maxRetries;

    /**
     * @param inbox        INBOX_FOLDER: where a book no attempt is at hand for came from
     * @param reviewFolder REVIEW_FOLDER with REVIEW_BEFORE_RELEASE=Y, else null
     * @param maxRetries   MAX_RETRIES, for "attempt 1 of 3"
     */
    public BookEvents(Clock clock, JobStore store, Path inbox, Path reviewFolder, int maxRetries) {
        this.clock = clock;
        this.store = store;
        this.inbox = inbox;
        this.reviewFolder = reviewFolder;
        this.maxRetries = maxRetries;
    }

    /** BookStarted: an attempt at the book began (each retry is an attempt). */
    public NotifyEvent started(@ExchangeProperty(RouteKeys.TAKEN) TakenBook taken,
                               @ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt attempt) {
        Book book = attempt != null ? attempt.book() : taken.book();
        BookFacts facts = BookFacts.of(book);
        int number = startedAttempt(book.key());
        String message = "Attempt " + number + " of " + (maxRetries + 1) + " (" + book.audioFiles().size()
            + " audio file" + (book.audioFiles().size() == 1 ? "" : "s") + ")";
        return event(EventType.BOOK_STARTED, "Started: " + facts.book().title(), message, facts, null, null, null,
            number);
    }

    /** True when the attempt delivered the book into REVIEW_FOLDER (REVIEW_BEFORE_RELEASE=Y), not to the library. */
    public boolean inReview(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt attempt) {
        Path output = attempt.finalOutput();
        return reviewFolder != null && output != null && output.normalize().startsWith(reviewFolder.normalize());
    }

    /** True when the tag stage before delivery found no sure match (intake.json state {@code needs_review}). */
    public boolean taggedNeedsReview(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt attempt) {
        return attempt.tagging().map(t -> TagState.NEEDS_REVIEW.code().equals(t.state())).orElse(false);
    }

    /** BookConverted: the book was delivered into CONVERTED_FOLDER (converted, passed through, as is, after a crash). */
    public NotifyEvent converted(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt attempt) {
        BookFacts facts = BookFacts.of(attempt);
        Duration took = took(attempt);
        List<String> lines = EventText.bookLines(facts.book(), facts.file(), took);
        if (facts.file() != null) {
            lines.add("Saved to " + facts.file().path());
        }
        return event(EventType.BOOK_CONVERTED, "Converted: " + facts.book().title(), String.join("\n", lines),
            facts, null, took, null, deliveredAttempt(attempt.book().key()));
    }

    /**
     * BookNeedsReview from the book's attempt: it waits in REVIEW_FOLDER for a person (no file yet: it is not
     * delivered), or it was delivered with no sure match on Audible (TAG_MODE=sync).
     */
    public NotifyEvent needsReview(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt attempt) {
        BookFacts facts = BookFacts.of(attempt);
        boolean inReview = inReview(attempt);
        if (inReview) {
            facts = facts.withoutFile();
        }
        Duration took = took(attempt);
        List<String> lines = new ArrayList<>();
        lines.add(inReview ? "Waiting in the review folder for a person to approve or reject it"
            : "No sure match on Audible: delivered with its own tags; pick the right book");
        lines.addAll(EventText.bookLines(facts.book(), facts.file(), took));
        return event(EventType.BOOK_NEEDS_REVIEW, "Needs review: " + facts.book().title(), String.join("\n", lines),
            facts, null, took, null, deliveredAttempt(attempt.book().key()));
    }

    /** BookTagged: the tag queue matched and tagged a delivered book (TAG_MODE=async, or a user's re-tag). */
    public NotifyEvent tagged(@Body TagJob job, @ExchangeProperty(RouteKeys.TAG_OUTCOME) TagOutcome outcome,
                              @ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt attempt) {
        BookFacts facts = afterTagging(job, outcome, attempt);
        List<String> lines = new ArrayList<>();
        outcome.product().ifPresent(p -> lines.add("Matched on Audible as " + p.asin()));
        lines.addAll(EventText.bookLines(facts.book(), facts.file(), null));
        return event(EventType.BOOK_TAGGED, "Tagged: " + facts.book().title(), String.join("\n", lines), facts,
            null, null, null, 0);
    }

    /** BookNeedsReview from the tag queue: a delivered book found no sure match on Audible. */
    public NotifyEvent needsReviewAfterTagging(@Body TagJob job,
                                               @ExchangeProperty(RouteKeys.TAG_OUTCOME) TagOutcome outcome,
                                               @ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt attempt) {
        BookFacts facts = afterTagging(job, outcome, attempt);
        List<String> lines = new ArrayList<>();
        lines.add("No sure match on Audible: it keeps its own tags; pick the right book");
        lines.addAll(EventText.bookLines(facts.book(), facts.file(), null));
        return event(EventType.BOOK_NEEDS_REVIEW, "Needs review: " + facts.book().title(), String.join("\n", lines),
            facts, null, null, null, 0);
    }

    /** BookRetryScheduled: an attempt failed for a transient reason and the book is tried again at the verdict's time. */
    public NotifyEvent retryScheduled(@ExchangeProperty(RouteKeys.TAKEN) TakenBook taken,
                                      @ExchangeProperty(RouteKeys.VERDICT) FailureVerdict verdict,
                                      @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error) {
        Book book = taken.book();
        BookFacts facts = BookFacts.of(book);
        String reason = reason(book, error, store.find(book.key()));
        List<String> lines = new ArrayList<>();
        lines.add(EventText.firstLine(reason));
        lines.add("Attempt " + verdict.failureNumber() + " of " + (maxRetries + 1) + " failed"
            + (verdict.retryAt() == null ? "; it is tried again"
            : "; tried again at " + EventText.time(verdict.retryAt(), clock.getZone())));
        return event(EventType.BOOK_RETRY_SCHEDULED, "Retry scheduled: " + book.name(), String.join("\n", lines),
            facts, reason, null, verdict.retryAt(), verdict.failureNumber());
    }

    /** BookFailed: the book failed for good; null for a failure before any book was identified (nothing to say). */
    public NotifyEvent failed(@ExchangeProperty(RouteKeys.TAKEN) TakenBook taken,
                              @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error) {
        if (taken == null) {
            return null;
        }
        Book book = taken.book();
        Optional<Job> job = store.find(book.key());
        String reason = reason(book, error, job);
        int attempts = job.map(Job::attempts).orElse(1);
        List<String> lines = new ArrayList<>();
        lines.add(EventText.firstLine(reason));
        lines.add("Gave up after " + attempts + " attempt" + (attempts == 1 ? "" : "s"));
        // the failed folder, when the book was moved there (the job's output may still name an earlier delivery)
        String movedTo = job.filter(j -> j.contentHash() != null && j.contentHash().startsWith(MOVED_AWAY))
            .map(Job::outputPath).filter(p -> !p.isBlank()).orElse(null);
        lines.add(movedTo == null ? "Its files stay in the inbox as they are" : "Moved to " + movedTo);
        return event(EventType.BOOK_FAILED, "Failed: " + book.name(), String.join("\n", lines), BookFacts.of(book),
            reason, null, null, attempts);
    }

    /** BookConverted for a book a user approved in review: released to {@code output} in CONVERTED_FOLDER. */
    public NotifyEvent approved(String key, Path output) {
        BookFacts facts = BookFacts.ofManifest(output.resolveSibling("intake.json"), bookOf(key));
        List<String> lines = new ArrayList<>();
        lines.add("Approved in review");
        lines.addAll(EventText.bookLines(facts.book(), facts.file(), null));
        lines.add("Saved to " + output);
        return event(EventType.BOOK_CONVERTED, "Converted: " + facts.book().title(), String.join("\n", lines),
            facts, null, null, null, 0);
    }

    /** BookFailed for a book a user rejected in review: set aside in {@code folder} with the reason. */
    public NotifyEvent rejected(String key, Path folder, String reason) {
        Book book = bookOf(key);
        BookFacts facts = BookFacts.ofManifest(folder.resolve("intake.json"), book).withoutFile();
        String error = "rejected in review: " + reason;
        String message = error + "\nMoved to " + folder;
        return event(EventType.BOOK_FAILED, "Failed: " + book.name(), message, facts, error, null, null, 0);
    }

    private BookFacts afterTagging(TagJob job, TagOutcome outcome, BookAttempt attempt) {
        Book book = attempt != null ? attempt.book() : bookOf(job.bookKey());
        BookFacts facts = job.manifest().map(m -> BookFacts.ofManifest(m, book))
            .orElseGet(() -> attempt != null ? BookFacts.of(attempt) : BookFacts.of(book));
        // the file as tagged now (its size changed), wherever the job says it is
        facts = new BookFacts(facts.book(), BookFacts.file(job.m4b(),
            facts.file() == null ? null : facts.file().bitrateKbps()), facts.source());
        Integer chapters = outcome.chapters().isEmpty() ? facts.book().chapters() : outcome.chapters().size();
        BookFacts known = facts;
        return outcome.product()
            .map(product -> known.withBook(BookFacts.fromProduct(product, known.book().durationSeconds(), chapters)))
            .orElse(facts);
    }

    private NotifyEvent event(EventType type, String title, String message, BookFacts facts, String error,
                              Duration took, java.time.Instant nextRetryAt, int attempt) {
        return new NotifyEvent(UUID.randomUUID().toString(), type, clock.instant(), title, message,
            facts.source().key(), facts.book(), facts.file(), facts.source(), error, took, nextRetryAt, attempt);
    }

    private Duration took(BookAttempt attempt) {
        Duration took = Duration.between(attempt.startedAt(), clock.instant());
        return took.isNegative() ? Duration.ZERO : took;
    }

    /** The number of the attempt under way: the failed ones before it, plus one (once it failed, it is counted). */
    private int startedAttempt(String key) {
        Optional<Job> job = store.find(key);
        boolean failedAlready = job.map(j -> j.state() == JobState.RETRY_SCHEDULED || j.state() == JobState.FAILED)
            .orElse(false);
        return job.map(Job::attempts).orElse(0) + (failedAlready ? 0 : 1);
    }

    /** The number of the attempt that delivered the book: the failed ones before it, plus one. */
    private int deliveredAttempt(String key) {
        return store.find(key).map(Job::attempts).orElse(0) + 1;
    }

    /** The failure as recorded on the job (named book and file, ffmpeg's lines below), else as the error says. */
    private static String reason(Book book, Throwable error, Optional<Job> job) {
        Optional<String> recorded = job.map(Job::errorMessage).filter(m -> !m.isBlank());
        if (recorded.isPresent()) {
            return recorded.get();
        }
        BookFailure failure = BookFailures.find(error);
        if (failure != null) {
            return failure.userMessage();
        }
        return "book '" + book.key() + "': " + (error == null ? "failed" : "unexpected error: " + error);
    }

    private Book bookOf(String key) {
        int slash = key.lastIndexOf('/');
        return new Book(key, slash < 0 ? key : key.substring(slash + 1), inbox.resolve(key), List.of(), List.of(),
            false);
    }
}
