package org.automb.jobs.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The {@code book_runs} table: one row per finished run of a book, for statistics and history. */
public final class BookRunTable {

    private static final String COLUMNS = "id, job_key, started_at, finished_at, outcome, audio_path, audio_seconds,"
        + " output_bytes, output_path, reason";

    private final Database database;

    BookRunTable(Database database) {
        this.database = database;
    }

    /** Keeps {@code run} (its id is ignored). */
    public void record(BookRun run) {
        database.write(c -> SqlCall.on(c, "INSERT INTO book_runs (job_key, started_at, finished_at, outcome, audio_path,"
                + " audio_seconds, output_bytes, output_path, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .text(run.key()).millis(run.startedAt()).millis(run.finishedAt()).text(run.outcome().code())
            .text(run.audioPath()).decimal(run.audioSeconds()).number(run.outputBytes()).text(run.outputPath())
            .text(run.reason())
            .update());
    }

    /** The runs that finished at or after {@code since}, oldest first; {@code Instant.EPOCH} for all of them. */
    public List<BookRun> since(Instant since) {
        return database.read(c -> SqlCall.on(c, "SELECT " + COLUMNS + " FROM book_runs WHERE finished_at >= ?"
                + " ORDER BY finished_at, id")
            .millis(since).list(BookRunTable::run));
    }

    /** The runs of one book, newest first. */
    public List<BookRun> of(String key) {
        return database.read(c -> SqlCall.on(c, "SELECT " + COLUMNS + " FROM book_runs WHERE job_key = ?"
                + " ORDER BY finished_at DESC, id DESC")
            .text(key).list(BookRunTable::run));
    }

    static BookRun run(ResultSet row) throws SQLException {
        double seconds = row.getDouble("audio_seconds");
        Double audioSeconds = row.wasNull() ? null : seconds;
        long bytes = row.getLong("output_bytes");
        Long outputBytes = row.wasNull() ? null : bytes;
        return new BookRun(row.getLong("id"), row.getString("job_key"), JobTable.instant(row, "started_at"),
            JobTable.instant(row, "finished_at"), BookRun.Outcome.fromCode(row.getString("outcome")),
            row.getString("audio_path"), audioSeconds, outputBytes, row.getString("output_path"), row.getString("reason"));
    }
}
