package org.automb.jobs.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One response kept in the metadata cache.
 *
 * @param body      the raw response, or null when the service answered "not found" (kept too, so it is not asked again)
 * @param fetchedAt when the response was fetched, to the millisecond
 */
public record CachedResponse(String body, Instant fetchedAt) {

    /** The body, empty for a remembered "not found". */
    public Optional<String> found() {
        return Optional.ofNullable(body);
    }
}
