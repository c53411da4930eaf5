package org.automb.status;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * A user's request waiting for a book's next run.
 *
 * @param kind {@code skip_conversion} or {@code reprocess}
 */
public record RequestView(String kind, Instant requestedAt, @Schema(nullable = true) String actor) {
}
