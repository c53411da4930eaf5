package org.automb.attempt;

import java.util.Map;

/**
 * What the tag stage did to a book, as intake.json records it: the book's state ({@code converted}, {@code tagged},
 * {@code needs_review}, {@code tag_failed}) and the details (match, fields changed, chapters). Implemented by the
 * tag stage's outcome, which the attempt holds without depending on it.
 */
public interface TaggingRecord {

    /** The book's state as intake.json names it. */
    String state();

    /** The {@code tagging} object of intake.json. */
    Map<String, Object> manifestEntry();
}
