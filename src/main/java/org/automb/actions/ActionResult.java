package org.automb.actions;

import io.swagger.v3.oas.annotations.media.Schema;

import org.automb.status.JobSummary;

/**
 * What an accepted action answers (HTTP 202): the job as it is now, the audit row that records the action, and a
 * sentence saying what happens next.
 *
 * @param action  the action's code ({@code retry}, {@code skip-conversion}...)
 * @param job     the job after the action
 * @param auditId the id of the audit row written for it
 * @param message what the service does now ("tagging queued")
 */
public record ActionResult(String action, @Schema(nullable = true) JobSummary job, long auditId, String message) {
}
