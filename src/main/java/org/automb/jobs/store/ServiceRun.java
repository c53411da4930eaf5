package org.automb.jobs.store;

import java.time.Instant;

/**
 * One start of the service; {@code stoppedAt} null while it runs (or when it died without stopping);
 * {@code stagesJson} the states of its stages at the last heartbeat, null before the first.
 */
public record ServiceRun(long id, Instant startedAt, String version, Instant heartbeatAt, Instant stoppedAt,
                         String stagesJson) {
}
