package org.automb.status;

import java.time.Instant;

/**
 * One audit row as the API shows it.
 *
 * @param jobId the job id of {@code key}, null for actions on no job
 */
public record AuditView(long id, Instant at, String actor, String action, String jobId, String key, String result,
                        String detail) {
}
