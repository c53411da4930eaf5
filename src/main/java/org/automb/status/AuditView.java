package org.automb.status;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * One audit row as the API shows it.
 *
 * @param jobId the job id of {@code key}, null for actions on no job
 */
public record AuditView(long id, Instant at, String actor, String action, @Schema(nullable = true) String jobId,
@Schema(nullable = true) String key, String result,
                        @Schema(nullable = true) String detail) {
}
