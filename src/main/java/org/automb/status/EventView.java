package org.automb.status;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * One state change of a job.
 *
 * @param from lower-case state before, null when the change created the job
 * @param to   lower-case state after
 * @param cause lower-case {@code EventCause}
 */
public record EventView(Instant at, @Schema(nullable = true) String from, String to, String cause,
@Schema(nullable = true) String message) {
}
