package org.automb.jobs.store;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * Whether a user paused conversion, and who and when (the {@code conversion_pause} table).
 *
 * @param paused true while conversion is paused
 * @param since  when it was paused; null when it is not
 * @param actor  who paused it; null when it is not paused
 */
public record PauseState(boolean paused, @Schema(nullable = true) Instant since,
                         @Schema(nullable = true) String actor) {

    /** Conversion is not paused. */
    public static final PauseState RUNNING = new PauseState(false, null, null);
}
