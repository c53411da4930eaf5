package org.automb.status;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What runs over a period came to.
 *
 * @param converted      runs that converted a book
 * @param passedThrough  runs that delivered a book's audio as it was
 * @param failed         runs that failed for good
 * @param tagged         books the tag stage matched and tagged (before delivery, on the tag queue or at a user's
 *                       re-tag): each book once, however often it was tagged
 * @param needsReview    books the tag stage found no sure match for (marked needs_review): each book once, also when
 *                       a later re-tag matched it
 * @param successRate    delivered / (delivered + failed), 0..1; null when nothing finished
 * @param averageSeconds mean wall-clock time of the converted runs, null when none
 * @param fastestSeconds shortest of them, null when none
 * @param slowestSeconds longest of them, null when none
 * @param audioHours     hours of audio delivered (converted and passed through)
 * @param audioBytes     bytes of .m4b delivered
 */
public record Totals(int converted, int passedThrough, int failed, int tagged, int needsReview,
                     @Schema(nullable = true) Double successRate,
@Schema(nullable = true) Double averageSeconds,
                     @Schema(nullable = true) Double fastestSeconds, @Schema(nullable = true) Double slowestSeconds,
                     double audioHours, long audioBytes) {

    /** Nothing run. */
    public static final Totals NONE = new Totals(0, 0, 0, 0, 0, null, null, null, null, 0, 0);
}
