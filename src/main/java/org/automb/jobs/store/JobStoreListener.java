package org.automb.jobs.store;

/**
 * Told of a job store's changes after they are committed, on the thread that made them: implementations return at
 * once (hand the work to their own thread) and never throw; a listener that does is logged and skipped.
 */
public interface JobStoreListener {

    /** A job changed state; {@code job} is the row as saved. */
    void jobChanged(Job job);

    /** A running book's progress was stored. */
    default void progressChanged(JobProgress progress) {
    }

    /** A book's progress was cleared (its run ended). */
    default void progressCleared(String key) {
    }
}
