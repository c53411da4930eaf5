package org.automb.status;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * One finished run of a book (a {@code BookRun}) as the API shows it.
 *
 * @param id             the job id of its key
 * @param outcome        the lower-case outcome: {@code converted}, {@code passed_through}, {@code failed}...
 * @param elapsedSeconds its wall-clock time, null when its start is unknown
 * @param reason         why it failed or was skipped, null otherwise
 */
public record RunView(String id, String key, String outcome, @Schema(nullable = true) Instant finishedAt,
@Schema(nullable = true) Double elapsedSeconds,
                      @Schema(nullable = true) Double audioSeconds, @Schema(nullable = true) Long outputBytes,
                      @Schema(nullable = true) String outputPath, @Schema(nullable = true) String reason) {
}
