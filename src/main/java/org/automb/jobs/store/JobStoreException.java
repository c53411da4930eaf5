package org.automb.jobs.store;

/** The job database could not be opened, migrated, read or written; wraps the underlying SQL or I/O error. */
public class JobStoreException extends RuntimeException {

    public JobStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
