package org.automb.jobs.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code metadata_cache} table of the job store: raw responses of the metadata services by (kind, key, region).
 * It knows nothing of time to live or refreshing; the caller decides what is fresh. Shares the store's connection.
 */
public final class MetadataCacheTable {

    // ON CONFLICT ... DO UPDATE is spelt the same by SQLite (3.24+) and PostgreSQL (9.5+)
    private static final String UPSERT = "INSERT INTO metadata_cache (kind, key, region, body, fetched_at)"
        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, key, region)"
        + " DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at";

    private final Database database;

    MetadataCacheTable(Database database) {
        this.database = database;
    }

    /** The response kept for (kind, key, region), whatever its age. */
    public Optional<CachedResponse> find(String kind, String key, String region) {
        return database.read(c -> SqlCall.on(c,
                "SELECT body, fetched_at FROM metadata_cache WHERE kind = ? AND key = ? AND region = ?")
            .text(kind).text(key).text(region)
            .list(row -> new CachedResponse(row.getString(1), Instant.ofEpochMilli(row.getLong(2))))
            .stream().findFirst());
    }

    /**
     * Keeps {@code body} (null for "not found") for (kind, key, region), replacing what was there.
     *
     * @throws JobStoreException when the database cannot be written
     */
    public void put(String kind, String key, String region, String body, Instant fetchedAt) {
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        database.write(c -> SqlCall.on(c, UPSERT)
            .text(kind).text(key).text(region).text(body).millis(fetchedAt.truncatedTo(ChronoUnit.MILLIS))
            .update());
    }
}
