package org.automb.jobs.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The {@code audit_log} table: every action users took, newest first when read. */
public final class AuditTable {

    private final Database database;

    AuditTable(Database database) {
        this.database = database;
    }

    /** Keeps the action; returns it as stored (with its id). */
    public AuditEntry record(Instant at, String actor, String action, String key, String result, String detail) {
        Instant when = at.truncatedTo(ChronoUnit.MILLIS);
        return database.write(c -> {
            SqlCall.on(c, "INSERT INTO audit_log (at, actor, action, job_key, result, detail) VALUES (?, ?, ?, ?, ?, ?)")
                .millis(when).text(actor).text(action).text(key).text(result).text(detail).update();
            long id = SqlCall.on(c, "SELECT MAX(id) FROM audit_log").list(row -> row.getLong(1)).get(0);
            return new AuditEntry(id, when, actor, action, key, result, detail);
        });
    }

    /** A page of the log, newest first. */
    public List<AuditEntry> page(int offset, int limit) {
        return database.read(c -> SqlCall.on(c, "SELECT id, at, actor, action, job_key, result, detail FROM audit_log"
                + " ORDER BY id DESC LIMIT ? OFFSET ?")
            .number(limit).number(offset).list(AuditTable::entry));
    }

    /** How many actions are logged. */
    public int count() {
        return database.read(c -> SqlCall.on(c, "SELECT COUNT(*) FROM audit_log").list(row -> row.getInt(1)).get(0));
    }

    /** The actions taken on one job, newest first. */
    public List<AuditEntry> of(String key) {
        return database.read(c -> SqlCall.on(c, "SELECT id, at, actor, action, job_key, result, detail FROM audit_log"
                + " WHERE job_key = ? ORDER BY id DESC")
            .text(key).list(AuditTable::entry));
    }

    private static AuditEntry entry(ResultSet row) throws SQLException {
        return new AuditEntry(row.getLong("id"), JobTable.instant(row, "at"), row.getString("actor"),
            row.getString("action"), row.getString("job_key"), row.getString("result"), row.getString("detail"));
    }
}
