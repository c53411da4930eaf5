package org.automb.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.automb.jobs.BookLogTails;
import org.automb.jobs.store.BookRun;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Ends a book's run for the history: records its {@link BookRun} (delivered, failed, skipped or cancelled), keeps the
 * lines it logged as the job's log tail and ends its logging context. A failure to record is logged and never fails
 * the book: the history is informative.
 */
public final class BookRunRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(BookRunRecorder.class);

    private final JobStore store;
    private final BookLogTails logTails;
    private final Clock clock;

    public BookRunRecorder(JobStore store, BookLogTails logTails, Clock clock) {
        this.store = store;
        this.logTails = logTails;
        this.clock = clock;
    }

    /** A run of the book begins on this thread: its log tail starts afresh and collects what this thread logs. */
    public void begins(String key) {
        logTails.finish(key);
        continues(key);
    }

    /** Lines logged on this thread from now on are the book's run's (a retry on another thread). */
    public void continues(String key) {
        MDC.put(BookLogTails.BOOK_MDC, key);
    }

    /**
     * The book was delivered.
     *
     * @param outcome      {@link BookRun.Outcome#CONVERTED} or {@link BookRun.Outcome#PASSED_THROUGH}
     * @param audioPath    the audio path's name, null when none was chosen (a delivery finished after a crash)
     * @param audioSeconds the book's duration, null when unknown
     * @param output       the delivered .m4b
     */
    public void delivered(String key, BookRun.Outcome outcome, String audioPath, Double audioSeconds, Path output) {
        record(key, outcome, audioPath, audioSeconds, sizeOf(output), output == null ? null : output.toString(), null);
    }

    /** The book failed for good; {@code outputPath} is the failed folder it was moved to, null when it stayed. */
    public void failed(String key, String reason, String outputPath) {
        record(key, BookRun.Outcome.FAILED, null, null, null, outputPath, reason);
    }

    /** The book was skipped for {@code reason}. */
    public void skipped(String key, String reason) {
        record(key, BookRun.Outcome.SKIPPED, null, null, null, null, reason);
    }

    /** A user cancelled the book. */
    public void cancelled(String key, String reason) {
        record(key, BookRun.Outcome.CANCELLED, null, null, null, null, reason);
    }

    /**
     * The tag stage left the book in {@code state} (intake.json's: {@code tagged}, {@code needs_review}...): kept for
     * the lifetime counts of tagged books and books needing review. A failure to record is logged.
     */
    public void tagResult(String key, String state) {
        try {
            store.tagResults().record(key, state, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("book '{}': its tag result {} was not recorded in the history: {}", key, state, e.getMessage());
        }
    }

    /** Records the run (its start is the job's last start) and keeps its log tail. */
    public void record(String key, BookRun.Outcome outcome, String audioPath, Double audioSeconds, Long outputBytes,
                       String outputPath, String reason) {
        Instant now = clock.instant();
        try {
            Instant started = store.find(key).map(Job::startedAt).orElse(null);
            store.runs().record(new BookRun(0, key, started, now, outcome, audioPath, audioSeconds, outputBytes,
                outputPath, reason));
        } catch (RuntimeException e) {
            LOG.warn("book '{}': its {} run was not recorded in the history: {}", key, outcome.code(), e.getMessage());
        }
        keepLogTail(key, now);
    }

    /** The lines logged about the book in its run so far (empty when none). */
    public List<String> linesSoFar(String key) {
        return logTails.live(key).orElse(List.of());
    }

    /** Ends the book's live log tail and stores it; the thread's log lines are no longer the book's. */
    public void keepLogTail(String key, Instant at) {
        List<String> lines = logTails.finish(key);
        if (key.equals(MDC.get(BookLogTails.BOOK_MDC))) {
            MDC.remove(BookLogTails.BOOK_MDC);
        }
        if (lines.isEmpty()) {
            return;
        }
        try {
            store.notes().putLogTail(key, at, String.join("\n", lines));
        } catch (RuntimeException e) {
            LOG.warn("book '{}': its log tail was not kept: {}", key, e.getMessage());
        }
    }

    private static Long sizeOf(Path file) {
        try {
            return file != null && Files.isRegularFile(file) ? Files.size(file) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
