package org.automb.actions;

import java.nio.file.Path;

/**
 * The review gate (REVIEW_BEFORE_RELEASE=Y): a converted book waits in REVIEW_FOLDER until a user approves it (it
 * moves to CONVERTED_FOLDER, where library servers see it) or rejects it (it moves to the failed folder with the
 * reason in FAILED_INFO.txt).
 */
public final class ReviewGate {

    /**
     * Releases a book waiting for review into CONVERTED_FOLDER; its job becomes DONE.
     *
     * @return where the book's .m4b is now
     * @throws IllegalStateException naming the job's state when it is not in REVIEW
     */
    public Path approve(String key) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Sets a book waiting for review aside in the failed folder, {@code reason} in its FAILED_INFO.txt; its job
     * becomes FAILED.
     *
     * @return the failed folder the book is now in
     * @throws IllegalStateException naming the job's state when it is not in REVIEW
     */
    public Path reject(String key, String reason) {
        throw new UnsupportedOperationException("not yet");
    }
}
