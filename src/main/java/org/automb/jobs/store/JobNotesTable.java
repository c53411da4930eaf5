package org.automb.jobs.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * What the store keeps about a job beside its row: its live progress ({@code job_progress}), the last lines its
 * runs logged ({@code job_logs}) and a user's request for its next run ({@code job_requests}). All are keyed by the
 * job's key and go when the job is forgotten.
 */
public final class JobNotesTable {

    private final Database database;
    private final StoreListeners listeners;

    JobNotesTable(Database database, StoreListeners listeners) {
        this.database = database;
        this.listeners = listeners;
    }

    public void putProgress(JobProgress progress) {
        database.write(c -> SqlCall.on(c, "INSERT INTO job_progress (job_key, stage, percent, speed, eta_millis, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (job_key) DO UPDATE SET stage = excluded.stage,"
                + " percent = excluded.percent, speed = excluded.speed, eta_millis = excluded.eta_millis,"
                + " updated_at = excluded.updated_at")
            .text(progress.key()).text(progress.stage()).decimal(progress.percent()).decimal(progress.speed())
            .millis(progress.eta()).millis(progress.updatedAt().truncatedTo(ChronoUnit.MILLIS))
            .update());
        listeners.progressChanged(progress);
    }

    public void clearProgress(String key) {
        database.write(c -> SqlCall.on(c, "DELETE FROM job_progress WHERE job_key = ?").text(key).update());
        listeners.progressCleared(key);
    }

    /** Every running book's progress, by key. */
    public List<JobProgress> progress() {
        return database.read(c -> SqlCall.on(c, "SELECT job_key, stage, percent, speed, eta_millis, updated_at"
                + " FROM job_progress ORDER BY job_key")
            .list(JobNotesTable::progress));
    }

    /** Keeps the last lines a book's run logged, replacing those of its earlier runs. */
    public void putLogTail(String key, Instant at, String lines) {
        database.write(c -> SqlCall.on(c, "INSERT INTO job_logs (job_key, updated_at, lines) VALUES (?, ?, ?)"
                + " ON CONFLICT (job_key) DO UPDATE SET updated_at = excluded.updated_at, lines = excluded.lines")
            .text(key).millis(at.truncatedTo(ChronoUnit.MILLIS)).text(lines).update());
    }

    public Optional<String> logTail(String key) {
        return database.read(c -> SqlCall.on(c, "SELECT lines FROM job_logs WHERE job_key = ?").text(key)
            .list(row -> row.getString(1)).stream().findFirst());
    }

    /** Asks the book's next run for {@code request}, replacing an earlier request. */
    public void putRequest(JobRequest request) {
        database.write(c -> SqlCall.on(c, "INSERT INTO job_requests (job_key, request, requested_at, actor) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (job_key) DO UPDATE SET request = excluded.request,"
                + " requested_at = excluded.requested_at, actor = excluded.actor")
            .text(request.key()).text(request.kind().code()).millis(request.requestedAt().truncatedTo(ChronoUnit.MILLIS))
            .text(request.actor()).update());
    }

    public Optional<JobRequest> request(String key) {
        return database.read(c -> SqlCall.on(c, "SELECT job_key, request, requested_at, actor FROM job_requests"
                + " WHERE job_key = ?").text(key)
            .list(row -> new JobRequest(row.getString(1), JobRequest.Kind.fromCode(row.getString(2)),
                JobTable.instant(row, "requested_at"), row.getString(4)))
            .stream().findFirst());
    }

    /** Removes the request once a run took it. */
    public void clearRequest(String key) {
        database.write(c -> SqlCall.on(c, "DELETE FROM job_requests WHERE job_key = ?").text(key).update());
    }

    private static JobProgress progress(ResultSet row) throws SQLException {
        double speed = row.getDouble("speed");
        Double knownSpeed = row.wasNull() ? null : speed;
        return new JobProgress(row.getString("job_key"), row.getString("stage"), row.getDouble("percent"), knownSpeed,
            JobTable.instant(row, "eta_millis"), JobTable.instant(row, "updated_at"));
    }
}
