package org.automb.status;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * How far a running book has come, as the API shows it.
 *
 * @param stage      what is running: {@code encoding}, {@code joining}...
 * @param percent    0..100 of the book's duration written
 * @param speed      seconds of audio per second (× real time), null before it is known
 * @param etaSeconds seconds left at this speed, null before it is known
 * @param updatedAt  when this was measured
 */
public record Progress(String stage, double percent, @Schema(nullable = true) Double speed,
@Schema(nullable = true) Long etaSeconds, Instant updatedAt) {
}
