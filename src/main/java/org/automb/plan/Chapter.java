package org.automb.plan;

/** One chapter of the output: where it starts and ends in the joined audio, in milliseconds. */
public record Chapter(long startMillis, long endMillis, String title) {
}
