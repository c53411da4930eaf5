package org.automb.jobs.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code tag_results} table: what the tag stage made of each book, one row per result (before delivery, on the
 * tag queue, at a user's re-tag), its state as intake.json names it ({@code tagged}, {@code needs_review},
 * {@code tag_failed}, {@code converted}). Rows outlive their job, as the book runs do, so the counts only grow.
 */
public final class TagResultTable {

    private final Database database;

    TagResultTable(Database database) {
        this.database = database;
    }

    /** Keeps that the tag stage left the book {@code key} in {@code state} at {@code at}. */
    public void record(String key, String state, Instant at) {
        database.write(c -> SqlCall.on(c, "INSERT INTO tag_results (job_key, at, state) VALUES (?, ?, ?)")
            .text(key).millis(at.truncatedTo(ChronoUnit.MILLIS)).text(state).update());
    }

    /**
     * For each state, the books (job keys) the tag stage left in it at or after {@code since} ({@code Instant.EPOCH}
     * for all time): a book counts once per state however often it got there.
     */
    public Map<String, Integer> booksByState(Instant since) {
        Map<String, Integer> books = new LinkedHashMap<>();
        database.read(c -> SqlCall.on(c, "SELECT state, COUNT(DISTINCT job_key) FROM tag_results WHERE at >= ?"
                + " GROUP BY state ORDER BY state")
            .millis(since).list(row -> Map.entry(row.getString(1), row.getInt(2))))
            .forEach(entry -> books.put(entry.getKey(), entry.getValue()));
        return books;
    }
}
