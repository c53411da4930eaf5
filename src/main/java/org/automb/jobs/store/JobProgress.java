package org.automb.jobs.store;

import java.time.Instant;

/**
 * How far a running book has come.
 *
 * @param stage   what is running: {@code encoding}, {@code joining}, {@code tagging}...
 * @param percent 0..100 of the book's duration written
 * @param speed   seconds of audio written per second (× real time), null before it is known
 * @param eta     when the stage should end at this speed, null before it is known
 */
public record JobProgress(String key, String stage, double percent, Double speed, Instant eta, Instant updatedAt) {
}
