package org.automb.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.automb.jobs.store.ErrorClass;
import org.automb.jobs.store.EventCause;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;

/**
 * What the service knows about each book: the persistent job store, plus what this process is working on now.
 * A book is taken by one worker only; a finished book is not taken again until its content (relative path and size
 * of each audio file) changes; a book waiting for its retry is taken when its stored retry time comes, also after a
 * restart.
 */
public final class BookLedger {

    /** States of a job that is neither finished nor merely seen. */
    private static final Set<JobState> UNFINISHED =
        Set.of(JobState.RETRY_SCHEDULED, JobState.PENDING, JobState.CONVERTING, JobState.TAGGING);

    /** States of a book taken by a worker or waiting for its retry; WAITING is not one (nothing holds the book). */
    private static final Set<JobState> IN_FLIGHT = Set.of(JobState.PENDING, JobState.RETRY_SCHEDULED,
        JobState.CONVERTING, JobState.TAGGING);

    /** States a user may cancel from, and from which a claimed book may start converting. */
    static final Set<JobState> IN_FLIGHT_OR_WAITING = Set.of(JobState.PENDING, JobState.WAITING, JobState.RETRY_SCHEDULED,
        JobState.CONVERTING, JobState.TAGGING);

    private final JobStore store;
    /** Tells a retry that is due from one that is not (the job store's clock). */
    private final Clock clock;
    /** Keys claimed by this process and not yet finished (converting, or waiting for a Camel redelivery). */
    private final Set<String> activeHere = ConcurrentHashMap.newKeySet();
    private final Map<String, JobState> outcomesThisRun = new ConcurrentHashMap<>();
    private final CountDownLatch settled = new CountDownLatch(1);
    /** The books the last scan held back, by key, with the reason (sorted by key). */
    private volatile Map<String, String> heldBack = Map.of();

    public BookLedger(JobStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public JobStore store() {
        return store;
    }

    /** Takes the book for processing unless it is busy, finished with this same content, or its retry is not due. */
    public synchronized boolean claim(String key, String contentHash) {
        if (isBusy(key)) {
            return false;
        }
        boolean retry = store.find(key).map(j -> j.state() == JobState.RETRY_SCHEDULED).orElse(false);
        Optional<Job> claimed = store.claim(key, contentHash, retry ? EventCause.RETRY : EventCause.INTAKE);
        claimed.ifPresent(job -> {
            activeHere.add(key);
            outcomesThisRun.remove(key);
        });
        return claimed.isPresent();
    }

    /** True when the book finished (any outcome) with this content, so a scan need not look at it again. */
    public boolean isFinishedWith(String key, String contentHash) {
        return store.find(key).map(j -> j.state().isFinal() && contentHash.equals(j.contentHash())).orElse(false);
    }

    /**
     * True when this book, or a book nested in it or enclosing it, is being worked on here, or when the book waits
     * for a retry that is not due yet. Keys are inbox paths, and the same files can show up under another key while
     * a book is in flight (the last member left in a series folder reads as a folder wrapping one book).
     */
    public boolean isBusy(String key) {
        for (String active : activeHere) {
            if (overlaps(key, active)) {
                return true;
            }
        }
        return store.find(key).map(j -> j.state() == JobState.RETRY_SCHEDULED && j.nextRetryAt() != null
            && j.nextRetryAt().isAfter(clock.instant())).orElse(false);
    }

    /** Same key, or one key is a folder holding the other. */
    private static boolean overlaps(String a, String b) {
        return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
    }

    public void waiting(String key, String contentHash) {
        store.markWaiting(key, contentHash);
    }

    public void converting(String key) {
        store.transition(key, JobState.CONVERTING, EventCause.INTAKE, "");
    }

    /**
     * The book's conversion starts now, unless a user cancelled it while it waited for a worker.
     *
     * @return false when its job is no longer in flight (CANCELLED)
     */
    public boolean startConverting(String key) {
        return store.transitionIfStill(key, IN_FLIGHT_OR_WAITING, JobState.CONVERTING, EventCause.INTAKE, "");
    }

    /** A retry of the book starts now (Camel redelivers it). */
    public void retrying(String key, int attempt) {
        store.transition(key, JobState.CONVERTING, EventCause.RETRY, "attempt " + attempt);
    }

    public void done(String key, String outputPath) {
        store.markDone(key, outputPath);
        finish(key, JobState.DONE);
    }

    /**
     * The book is delivered into the review folder (REVIEW_BEFORE_RELEASE): it waits there for a user's approval.
     * Like {@link #done}, it wins over a cancel that came too late (the book is delivered).
     */
    public void inReview(String key, String outputPath) {
        store.moveOutputIfStill(key, java.util.EnumSet.allOf(JobState.class), JobState.REVIEW, outputPath, null,
            EventCause.INTAKE, "waiting for review: " + outputPath);
        finish(key, JobState.REVIEW);
    }

    /**
     * A user cancelled the book (see {@link BookCancellations}): its job is CANCELLED, this process lets go of it; no
     * attempt is counted. A job a user reopened after the cancel, while the attempt was still ending (retry, skip
     * conversion, reprocess: it is WAITING then), is left as it is: that request is the user's last word.
     *
     * @return false when the job was reopened so, and waits to be taken again
     */
    public boolean cancelled(String key) {
        store.transitionIfStill(key, IN_FLIGHT, JobState.CANCELLED, EventCause.API, "cancelled by a user");
        finish(key, JobState.CANCELLED);
        return store.find(key).map(Job::state).orElse(null) != JobState.WAITING;
    }

    /** Records a failed attempt; {@code nextRetryAt} null means the book has failed for good. */
    public Job recordFailure(String key, boolean transientError, String message, Instant nextRetryAt) {
        return store.recordFailure(key, transientError ? ErrorClass.TRANSIENT : ErrorClass.PERMANENT, message, nextRetryAt);
    }

    /** The book failed for good; the dead letter has dealt with its files. */
    public void failedForGood(String key) {
        finish(key, JobState.FAILED);
    }

    /** A folder that cannot become a book (e.g. it mixes books) fails once per content, without being claimed. */
    public void folderRefused(String key, String message) {
        if (isFinishedWith(key, message)) {
            return;
        }
        if (store.claim(key, message, EventCause.INTAKE).isPresent()) {
            // stored as failed (its files stay in the inbox); counted as held back (see heldBack), not as failed
            store.recordFailure(key, ErrorClass.PERMANENT, message, null);
        }
    }

    /** The books held back by the last scan (a link leading out, a loop, a mixed folder...), by key with the reason. */
    public void heldBack(Map<String, String> reasonsByKey) {
        heldBack = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(reasonsByKey));
    }

    /** The books held back at the last scan, by key with the reason, sorted by key. */
    public Map<String, String> heldBack() {
        return heldBack;
    }

    /** The book's files went to {@code folder}; a book moved back into the inbox is taken again, attempts reset. */
    public void movedAway(String key, String folder) {
        store.markMovedAway(key, folder);
    }

    public void skipped(String key, String message) {
        store.transition(key, JobState.SKIPPED, EventCause.INTAKE, message);
        finish(key, JobState.SKIPPED);
    }

    /** The book's files changed while it was converted: it goes back to waiting and is read again. */
    public void changedWhileConverting(String key) {
        store.transition(key, JobState.WAITING, EventCause.INTAKE, "files changed during conversion; read again");
        activeHere.remove(key);
    }

    private void finish(String key, JobState outcome) {
        outcomesThisRun.put(key, outcome);
        activeHere.remove(key);
    }

    /** True when the book's last run was cut short by a shutdown or crash (requeued at start-up, not finished since). */
    public boolean wasInterrupted(String key) {
        boolean interrupted = false;
        for (var event : store.events(key)) {
            if (event.cause() == EventCause.STARTUP) {
                interrupted = true;
            } else if (event.to() != null && event.to().isFinal()) {
                interrupted = false;
            }
        }
        return interrupted;
    }

    public JobState status(String key) {
        return store.find(key).map(Job::state).orElse(null);
    }

    /** The message recorded for the book (why it failed); empty when there is none. */
    public Optional<String> message(String key) {
        return store.find(key).map(Job::errorMessage).filter(m -> m != null && !m.isEmpty());
    }

    /** How many books ended in each state during this run (the exit code of --once is based on it). */
    public Map<JobState, Integer> counts() {
        Map<JobState, Integer> counts = new EnumMap<>(JobState.class);
        outcomesThisRun.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts;
    }

    /**
     * Called after each scan with the keys of the books in the inbox. Retries waiting for books that left the inbox
     * are closed as skipped; when nothing changes, nothing is in flight and no retry is pending, the inbox is settled.
     */
    public synchronized void scanFinished(int booksStillChanging, Collection<String> keysInInbox) {
        boolean retryPending = false;
        for (Job job : store.inStates(UNFINISHED.toArray(JobState[]::new))) {
            if (activeHere.contains(job.key())) {
                continue;
            }
            if (keysInInbox.contains(job.key())) {
                retryPending = true;
            } else {
                // conditional: a worker may have finished the book (and moved it out of the inbox) since the read
                store.transitionIfStill(job.key(), UNFINISHED, JobState.SKIPPED, EventCause.INTAKE,
                    "the book left the inbox before its retry");
            }
        }
        if (booksStillChanging == 0 && activeHere.isEmpty() && !retryPending) {
            settled.countDown();
        }
    }

    /** Blocks until a scan finds the inbox settled (for {@code --once}). */
    public boolean awaitSettled(long timeout, TimeUnit unit) throws InterruptedException {
        return settled.await(timeout, unit);
    }
}
