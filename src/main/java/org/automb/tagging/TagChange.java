package org.automb.tagging;

/**
 * One field a tagging changes, as {@code intake.json} records it: the values as {@link TagValue#display()} shows
 * them, an empty string for a field that was or will be absent.
 */
public record TagChange(String field, String oldValue, String newValue) {
}
