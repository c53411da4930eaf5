package org.automb.status;

/** The data of a {@code progress} {@link LiveEvent}. */
public record ProgressEvent(String id, String key, Progress progress) {
}
