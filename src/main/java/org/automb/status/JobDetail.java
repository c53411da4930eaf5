package org.automb.status;

import io.swagger.v3.oas.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * Everything known about one job: the {@link JobSummary} fields, then its whole error, its manifest or failure
 * report, its state changes, its last log lines, its runs, a pending request, the users' actions on it and
 * the deliveries of its events.
 *
 * @param errorClass   {@code transient}/{@code permanent}... of the last failure, or null
 * @param errorMessage the whole last error message, or null
 * @param manifest     the parsed {@code intake.json} beside the delivered book, or null
 * @param failedInfo   the text of {@code FAILED_INFO.txt} in the failed folder the book was moved to, or null
 * @param events       state changes, oldest first
 * @param logTail      the last (at most 200) lines logged for the book: live while it runs, else its last run's
 * @param runs         finished runs, newest first
 * @param request      a user's request for its next run, or null
 * @param audit        the users' actions on it, newest first
 * @param deliveries   what was told to whom about it (notifications, webhooks, library refresh, the script),
 *                     newest first
 */
public record JobDetail(String id, String key, String name, String state, int attempts, Instant updatedAt,
                        @Schema(nullable = true) Instant startedAt, @Schema(nullable = true) Instant finishedAt,
                        @Schema(nullable = true) Instant nextRetryAt, @Schema(nullable = true) String error,
                        @Schema(nullable = true) String outputPath,
                        @Schema(nullable = true) Progress progress, List<String> actions,
                        @Schema(nullable = true) String errorClass, @Schema(nullable = true) String errorMessage,
                        @Schema(nullable = true) String contentHash, @Schema(nullable = true) JsonNode manifest,
                        @Schema(nullable = true) String failedInfo, List<EventView> events, List<String> logTail,
                        List<RunView> runs,
                        @Schema(nullable = true) RequestView request, List<AuditView> audit,
                        List<DeliveryView> deliveries) {

    /** The summary fields alone. */
    public JobSummary summary() {
        return new JobSummary(id, key, name, state, attempts, updatedAt, startedAt, finishedAt, nextRetryAt, error,
            outputPath, progress, actions);
    }
}
