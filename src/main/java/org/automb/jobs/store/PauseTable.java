package org.automb.jobs.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The {@code conversion_pause} table: one row (id 1) while a user has paused conversion. */
public final class PauseTable {

    private final Database database;

    PauseTable(Database database) {
        this.database = database;
    }

    /** The pause in force now. */
    public PauseState current() {
        List<PauseState> rows = database.read(c -> SqlCall.on(c, "SELECT paused_at, actor FROM conversion_pause WHERE id = 1")
            .list(row -> new PauseState(true, JobTable.instant(row, "paused_at"), row.getString("actor"))));
        return rows.isEmpty() ? PauseState.RUNNING : rows.get(0);
    }

    /**
     * Pauses conversion unless it is paused already (the first pause's time and actor are kept).
     *
     * @return true when this call paused it
     */
    public boolean pause(Instant at, String actor) {
        return database.write(c -> SqlCall.on(c, "INSERT INTO conversion_pause (id, paused_at, actor) VALUES (1, ?, ?)"
                + " ON CONFLICT (id) DO NOTHING")
            .millis(at.truncatedTo(ChronoUnit.MILLIS)).text(actor).update()) > 0;
    }

    /**
     * Lets conversion run again.
     *
     * @return true when it was paused
     */
    public boolean resume() {
        return database.write(c -> SqlCall.on(c, "DELETE FROM conversion_pause WHERE id = 1").update()) > 0;
    }
}
