package org.automb.status;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * One job in lists, events and actions' answers.
 *
 * @param id         {@link JobIds#idOf} of the key
 * @param name       the key's last path element
 * @param state      the lower-case {@code JobState} code
 * @param error      the first line of the last error, or null
 * @param progress   the running book's progress, or null
 * @param actions    the actions allowed in this state now ({@link JobAction#code()})
 */
public record JobSummary(String id, String key, String name, String state, int attempts, Instant updatedAt,
                         @Schema(nullable = true) Instant startedAt, @Schema(nullable = true) Instant finishedAt,
                         @Schema(nullable = true) Instant nextRetryAt, @Schema(nullable = true) String error,
                         @Schema(nullable = true) String outputPath,
                         @Schema(nullable = true) Progress progress, List<String> actions) {
}
