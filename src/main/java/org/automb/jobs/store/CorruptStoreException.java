package org.automb.jobs.store;

import java.nio.file.Path;

/**
 * The SQLite job database exists but is not a readable database (its header or pages are damaged): the one store
 * failure the start-up may answer by setting the file aside and starting afresh. A server database is never this.
 */
public final class CorruptStoreException extends JobStoreException {

    private final transient Path file;

    CorruptStoreException(Path file, String reason, Throwable cause) {
        super("the job database " + file + " is damaged: " + reason, cause);
        this.file = file;
    }

    /** The damaged database file. */
    public Path file() {
        return file;
    }
}
