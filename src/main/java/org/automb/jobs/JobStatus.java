package org.automb.jobs;

/** Where a book stands. */
public enum JobStatus {
    WAITING, QUEUED, CONVERTING, DONE, FAILED, SKIPPED;

    public boolean isFinal() {
        return this == DONE || this == FAILED || this == SKIPPED;
    }
}
