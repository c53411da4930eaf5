package org.automb.tagging;

import java.util.Locale;

/** A delivered book's state as far as its tags go (intake.json's {@code state}). */
public enum TagState {
    /** Delivered with its sources' tags; no catalog was asked (AUDIBLE_ENABLED=N), or the tag stage has not run yet. */
    CONVERTED,
    /** Matched on Audible and tagged from its product. */
    TAGGED,
    /** No search result scored MATCH_THRESHOLD: delivered with its sources' tags, the candidates listed for a person. */
    NEEDS_REVIEW,
    /** The tag stage failed (after its retries): delivered with its sources' tags, the reason recorded. */
    TAG_FAILED;

    /** The name written to intake.json: {@code converted}, {@code tagged}, {@code needs_review}, {@code tag_failed}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
