package org.automb.jobs.store;

/**
 * What {@code --validate} finds when it looks at the job store without changing it.
 *
 * @param condition what the start will find
 * @param where     the database, for messages (a file, or a URL without its parameters)
 * @param detail    the reason, for CORRUPT and UNREACHABLE; empty otherwise
 */
public record StoreInspection(Condition condition, String where, String detail) {

    /** The store as the start will find it. */
    public enum Condition {
        /** It opens. */
        READY,
        /** The SQLite file does not exist yet: the start creates it. */
        ABSENT,
        /** The SQLite file is damaged: the start sets it aside and begins a fresh store. */
        CORRUPT,
        /** It cannot be reached or read (server down, permissions): the start fails. */
        UNREACHABLE
    }
}
