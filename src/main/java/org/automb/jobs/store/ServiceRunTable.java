package org.automb.jobs.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The {@code service_runs} table: when the service started, whether it still beats, when it stopped. */
public final class ServiceRunTable {

    private final Database database;

    ServiceRunTable(Database database) {
        this.database = database;
    }

    /** Records a start; returns it with its id. */
    public ServiceRun started(Instant at, String version) {
        Instant when = at.truncatedTo(ChronoUnit.MILLIS);
        return database.write(c -> {
            SqlCall.on(c, "INSERT INTO service_runs (started_at, version, heartbeat_at) VALUES (?, ?, ?)")
                .millis(when).text(version).millis(when).update();
            long id = SqlCall.on(c, "SELECT MAX(id) FROM service_runs").list(row -> row.getLong(1)).get(0);
            return new ServiceRun(id, when, version, when, null, null);
        });
    }

    /** The running service is alive at {@code at}, its stages as {@code stagesJson} says. */
    public void heartbeat(long id, Instant at, String stagesJson) {
        database.write(c -> SqlCall.on(c, "UPDATE service_runs SET heartbeat_at = ?, stages = ? WHERE id = ?")
            .millis(at.truncatedTo(ChronoUnit.MILLIS)).text(stagesJson).number((long) id).update());
    }

    /** The service stopped at {@code at}. */
    public void stopped(long id, Instant at) {
        database.write(c -> SqlCall.on(c, "UPDATE service_runs SET stopped_at = ?, heartbeat_at = ? WHERE id = ?")
            .millis(at.truncatedTo(ChronoUnit.MILLIS)).millis(at.truncatedTo(ChronoUnit.MILLIS)).number((long) id)
            .update());
    }

    /** The latest start, if the service ever started on this store. */
    public Optional<ServiceRun> latest() {
        return database.read(c -> SqlCall.on(c, "SELECT id, started_at, version, heartbeat_at, stopped_at, stages"
                + " FROM service_runs ORDER BY id DESC LIMIT 1")
            .list(ServiceRunTable::run).stream().findFirst());
    }

    private static ServiceRun run(ResultSet row) throws SQLException {
        return new ServiceRun(row.getLong("id"), JobTable.instant(row, "started_at"), row.getString("version"),
            JobTable.instant(row, "heartbeat_at"), JobTable.instant(row, "stopped_at"), row.getString("stages"));
    }
}
