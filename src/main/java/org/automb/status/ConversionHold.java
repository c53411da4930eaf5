package org.automb.status;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.automb.jobs.ConversionGate;

/**
 * Whether new books are held back now, and why: the status document's {@code conversion} (docs/workflows.md, "Quiet
 * hours and pause"). A book already converting is never held; books found while held wait in the queue.
 *
 * @param held        true when no new book starts now (paused, or outside the CONVERT_SCHEDULE window)
 * @param reason      {@code paused} or {@code outside_schedule} (a pause first when both hold); null when not held
 * @param pausedSince when a user paused conversion; null when not paused
 * @param pausedBy    who paused it; null when not paused
 * @param schedule    CONVERT_SCHEDULE as set; null when books may be converted at any time
 * @param outsideSchedule true when the CONVERT_SCHEDULE window is closed now (also while paused)
 * @param opensAt     when the closed window opens next; null when the window is open, unset or never opens again
 * @param closesAt    when the open window closes next; null when the window is closed, unset or never closes
 */
public record ConversionHold(boolean held, @Schema(nullable = true) String reason,
                             @Schema(nullable = true) Instant pausedSince,
                             @Schema(nullable = true) String pausedBy, @Schema(nullable = true) String schedule,
                             boolean outsideSchedule,
                             @Schema(nullable = true) Instant opensAt, @Schema(nullable = true) Instant closesAt) {

    /** The gate's hold as the document shows it. */
    public static ConversionHold of(ConversionGate.Hold hold) {
        return new ConversionHold(hold.held(), hold.reason().map(ConversionGate.Reason::code).orElse(null),
            hold.pause().since(), hold.pause().actor(), hold.schedule(), hold.outsideWindow(), hold.opensAt(), hold.closesAt());
    }
}
