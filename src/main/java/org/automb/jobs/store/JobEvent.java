package org.automb.jobs.store;

import java.time.Instant;

/**
 * One recorded state change of a job, oldest first by {@code id}.
 *
 * @param from the state before, null when the change created the job
 * @param message free text for people (error message, output path, reason), may be null
 */
public record JobEvent(long id, String key, Instant at, JobState from, JobState to, EventCause cause,
                       String message) {
}
