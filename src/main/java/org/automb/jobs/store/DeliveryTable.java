package org.automb.jobs.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The {@code deliveries} table: what was told to whom after each event, newest first when read. */
public final class DeliveryTable {

    private final Database database;

    DeliveryTable(Database database) {
        this.database = database;
    }

    /** Keeps one settled delivery; returns it as stored (with its id and the time truncated to milliseconds). */
    public DeliveryRecord record(DeliveryRecord delivery) {
        Instant when = delivery.at().truncatedTo(ChronoUnit.MILLIS);
        return database.write(c -> {
            SqlCall.on(c, "INSERT INTO deliveries (at, job_key, event, destination, kind, outcome, attempts,"
                    + " status_code, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .millis(when).text(delivery.key()).text(delivery.event()).text(delivery.destination())
                .text(delivery.kind()).text(delivery.outcome()).number(delivery.attempts())
                .number(delivery.statusCode() == null ? null : delivery.statusCode().longValue()).text(delivery.detail()).update();
            long id = SqlCall.on(c, "SELECT MAX(id) FROM deliveries").list(row -> row.getLong(1)).get(0);
            return new DeliveryRecord(id, when, delivery.key(), delivery.event(), delivery.destination(),
                delivery.kind(), delivery.outcome(), delivery.attempts(), delivery.statusCode(), delivery.detail());
        });
    }

    /** The deliveries for one book, newest first. */
    public List<DeliveryRecord> of(String key) {
        return database.read(c -> SqlCall.on(c, SELECT + " WHERE job_key = ? ORDER BY id DESC").text(key)
            .list(DeliveryTable::delivery));
    }

    /** The latest {@code limit} deliveries of any book or none, newest first. */
    public List<DeliveryRecord> recent(int limit) {
        return database.read(c -> SqlCall.on(c, SELECT + " ORDER BY id DESC LIMIT ?").number(limit)
            .list(DeliveryTable::delivery));
    }

    private static final String SELECT = "SELECT id, at, job_key, event, destination, kind, outcome, attempts,"
        + " status_code, detail FROM deliveries";

    private static DeliveryRecord delivery(ResultSet row) throws SQLException {
        int code = row.getInt("status_code");
        Integer statusCode = row.wasNull() ? null : code;
        return new DeliveryRecord(row.getLong("id"), JobTable.instant(row, "at"), row.getString("job_key"),
            row.getString("event"), row.getString("destination"), row.getString("kind"), row.getString("outcome"),
            row.getInt("attempts"), statusCode, row.getString("detail"));
    }
}
