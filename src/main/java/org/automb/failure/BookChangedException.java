package org.automb.failure;

import java.util.List;

/**
 * The book's files are no longer the ones its attempt started with (a file removed, replaced, rewritten or added):
 * whatever the attempt made or failed with is about old files, so it is dropped and the book is read again once
 * it has stopped changing. Not a failure of the book: no attempt is counted.
 */
public class BookChangedException extends RuntimeException {

    private final List<String> changes;

    public BookChangedException(String bookKey) {
        this(bookKey, List.of(), null);
    }

    /**
     * @param changes what differs, one phrase per file ("01.mp3 was removed")
     * @param failure the error the attempt failed with while its files changed, or null when it did not fail
     */
    public BookChangedException(String bookKey, List<String> changes, Throwable failure) {
        super("book '" + bookKey + "': its files changed during the conversion"
            + (changes.isEmpty() ? "" : " (" + String.join(", ", changes) + ")")
            + "; it will be read again once they are stable", failure);
        this.changes = List.copyOf(changes);
    }

    public List<String> changes() {
        return changes;
    }
}
