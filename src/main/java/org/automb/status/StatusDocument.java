package org.automb.status;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The service at a glance: {@code GET /api/v1/status} and {@code --status --json}.
 *
 * @param counts            jobs by lower-case state, every state present
 * @param inProgress        the books converting or tagging now, with their progress
 * @param recentConversions the 10 newest delivered runs, newest first
 * @param recentFailures    the 5 newest failed runs, newest first
 * @param queue             the first 20 jobs of {@link StatusService#queue}
 * @param queued            how many jobs are queued in all
 * @param daily             the last 30 UTC days, oldest first, days without runs included
 * @param conversion        whether new books are held back now (a pause, quiet hours), and why
 */
public record StatusDocument(String version, Service service, List<Stage> stages, Map<String, Integer> counts,
                             List<JobSummary> inProgress, Periods totals, List<RunView> recentConversions,
                             List<RunView> recentFailures, List<JobSummary> queue, int queued, List<DailyCount> daily,
                             List<FolderSpace> folders, Auth auth, ConversionHold conversion) {

    /**
     * The service's latest start.
     *
     * @param running true when its heartbeat is under 90 s old and it has not stopped
     */
    public record Service(boolean running, @Schema(nullable = true) Instant startedAt,
    @Schema(nullable = true) Long uptimeSeconds, @Schema(nullable = true) Instant heartbeatAt) {
    }

    /**
     * One stage of the pipeline.
     *
     * @param name  {@code intake}, {@code conversion}, {@code tagging} or {@code api}
     * @param state {@code started}, {@code stopped}, {@code suspended} or {@code unknown}
     */
    public record Stage(String name, String state) {
    }

    /** Totals since the store began and since the latest service start. */
    public record Periods(Totals lifetime, Totals session) {
    }

    /**
     * One UTC day's runs.
     *
     * @param converted books delivered that day (converted or passed through)
     * @param failed    books failed for good that day
     */
    public record DailyCount(LocalDate date, int converted, int failed, double audioHours) {
    }

    /**
     * A folder the service uses and its file system's space.
     *
     * @param setting    its setting, e.g. {@code INBOX_FOLDER}
     * @param freeBytes  usable bytes left, null when the folder cannot be read
     * @param totalBytes the file system's size, null when the folder cannot be read
     */
    public record FolderSpace(String setting, String path, @Schema(nullable = true) Long freeBytes,
    @Schema(nullable = true) Long totalBytes) {
    }

    /** @param method {@code forms} or {@code none} */
    public record Auth(String method) {
    }
}
