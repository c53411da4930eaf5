package org.automb.jobs;

import java.io.IOException;

/**
 * Keeps a second instance off the folders a running instance uses (inbox, working, converted and config folder):
 * two instances on one inbox would encode the same books, and one's start-up cleanup would remove the other's work.
 *
 * <p>{@link FolderLocks} does it with OS locks that live in the folders themselves. A later multi-node mode, where
 * several nodes share the folders on purpose, can replace it with coordination through a shared job store (each book
 * leased by one node, each node's scratch its own) without changing the callers: they claim before touching anything
 * in the folders, and hold the claim until they stop.
 */
public interface InstanceGuard {

    /**
     * Claims the folders for this instance until the returned claim is closed.
     *
     * @throws AlreadyRunningException when another instance holds one of them (its message is the one line to print)
     * @throws IOException when a folder cannot hold the claim (e.g. it cannot be written)
     */
    Claim claim() throws AlreadyRunningException, IOException;

    /** Held folders; closing gives them up. */
    interface Claim extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /** Another instance holds a folder this one needs; the message names the folder, the holder's PID, host and folders. */
    final class AlreadyRunningException extends Exception {
        public AlreadyRunningException(String message) {
            super(message);
        }
    }
}
