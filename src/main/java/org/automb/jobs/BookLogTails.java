package org.automb.jobs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last lines logged for each book while it runs (fed by a log appender that reads the book's key from the
 * logging context), so the page can show them live and the store can keep them when the run ends.
 */
public final class BookLogTails {

    /**
     * The logging context (MDC) key that names the book a log line is about: set by the book's steps and its progress
     * ticks, read by the appender that feeds these tails.
     */
    public static final String BOOK_MDC = "book";

    /** Lines kept per book. */
    public static final int MAX_LINES = 200;

    private final Map<String, Deque<String>> tails = new ConcurrentHashMap<>();

    /** Adds a line to the book's tail, dropping its oldest beyond {@value #MAX_LINES}. */
    public void append(String key, String line) {
        Deque<String> tail = tails.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (tail) {
            tail.addLast(line);
            while (tail.size() > MAX_LINES) {
                tail.removeFirst();
            }
        }
    }

    /** The book's lines so far, while it runs; empty when nothing was logged for it since its run began. */
    public Optional<List<String>> live(String key) {
        Deque<String> tail = tails.get(key);
        if (tail == null) {
            return Optional.empty();
        }
        synchronized (tail) {
            return Optional.of(List.copyOf(tail));
        }
    }

    /** Ends the book's live tail and returns its lines (empty when none were logged). */
    public List<String> finish(String key) {
        Deque<String> tail = tails.remove(key);
        if (tail == null) {
            return List.of();
        }
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }
}
