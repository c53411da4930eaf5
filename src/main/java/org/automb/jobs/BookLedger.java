package org.automb.jobs;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the service knows about each book this run: queued, converting, done, failed or skipped, and for which
 * content (hash of the audio files' paths and sizes). A book is taken by one worker only; a finished book is
 * not taken again until its content changes. Held in memory: the persistent job store comes with issue #3.
 */
public final class BookLedger {

    private record Entry(JobStatus status, String contentHash, String message) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final CountDownLatch settled = new CountDownLatch(1);

    /** Takes the book for processing unless it is already in flight or finished with this same content. */
    public synchronized boolean claim(String key, String contentHash) {
        Entry entry = entries.get(key);
        if (entry != null && (!entry.status().isFinal() && entry.status() != JobStatus.WAITING
                || entry.status().isFinal() && entry.contentHash().equals(contentHash)) || isInFlight(key)) {
            return false;
        }
        entries.put(key, new Entry(JobStatus.QUEUED, contentHash, ""));
        return true;
    }

    /** True when the book finished (any outcome) with this content, so a scan need not look at it again. */
    public boolean isFinishedWith(String key, String contentHash) {
        Entry entry = entries.get(key);
        return entry != null && entry.status().isFinal() && entry.contentHash().equals(contentHash);
    }

    /**
     * True when the book, or a book nested in it or enclosing it, is queued or converting. Keys are inbox paths, and
     * the same files can show up under another key while a book is in flight (the last member left in a series
     * folder reads as a folder wrapping one book): such a book must wait rather than be converted twice.
     */
    public boolean isInFlight(String key) {
        return entries.entrySet().stream().anyMatch(e -> isInFlight(e.getValue()) && overlaps(key, e.getKey()));
    }

    private static boolean isInFlight(Entry entry) {
        return entry.status() == JobStatus.QUEUED || entry.status() == JobStatus.CONVERTING;
    }

    /** Same key, or one key is a folder holding the other. */
    private static boolean overlaps(String a, String b) {
        return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
    }

    public void waiting(String key, String contentHash) {
        entries.compute(key, (k, e) -> e != null && e.status() != JobStatus.WAITING && !e.status().isFinal() ? e
            : new Entry(JobStatus.WAITING, contentHash, ""));
    }

    public void converting(String key) {
        update(key, JobStatus.CONVERTING, "");
    }

    public void done(String key) {
        update(key, JobStatus.DONE, "");
    }

    public void failed(String key, String contentHash, String message) {
        entries.put(key, new Entry(JobStatus.FAILED, contentHash, message));
    }

    public void skipped(String key, String message) {
        update(key, JobStatus.SKIPPED, message);
    }

    private void update(String key, JobStatus status, String message) {
        entries.compute(key, (k, e) -> new Entry(status, e == null ? "" : e.contentHash(), message));
    }

    public JobStatus status(String key) {
        Entry entry = entries.get(key);
        return entry == null ? null : entry.status();
    }

    /** The message recorded for the book (why it failed or was skipped); empty when there is none. */
    public java.util.Optional<String> message(String key) {
        Entry entry = entries.get(key);
        return entry == null || entry.message().isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(entry.message());
    }

    /** How many books are in each state. */
    public Map<JobStatus, Integer> counts() {
        Map<JobStatus, Integer> counts = new EnumMap<>(JobStatus.class);
        entries.values().forEach(e -> counts.merge(e.status(), 1, Integer::sum));
        return counts;
    }

    public long inFlight() {
        return entries.values().stream().filter(BookLedger::isInFlight).count();
    }

    /** Called after each scan: when nothing waits and nothing is in flight, the inbox is settled. */
    public void scanFinished(int booksStillChanging) {
        if (booksStillChanging == 0 && inFlight() == 0) {
            settled.countDown();
        }
    }

    /** Blocks until a scan finds the inbox settled (for {@code --once}). */
    public boolean awaitSettled(long timeout, TimeUnit unit) throws InterruptedException {
        return settled.await(timeout, unit);
    }
}
