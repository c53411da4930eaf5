package org.automb.failure;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Why a book could not be finished, worded for the user: it names the book and, where one is to blame, the file.
 * Subclasses say whether trying again can help.
 */
public abstract class BookFailure extends RuntimeException {

    private final String bookKey;
    private final transient Path file;
    private final String details;

    protected BookFailure(String bookKey, Path file, String reason, String details, Throwable cause) {
        super(reason, cause);
        this.bookKey = bookKey;
        this.file = file;
        this.details = details == null ? "" : details;
    }

    public String bookKey() {
        return bookKey;
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Extra lines for the user, such as the last lines ffmpeg printed; may be empty. */
    public String details() {
        return details;
    }

    /** One line: book, file and reason. */
    public String userMessage() {
        return "book '" + bookKey + "'" + file().map(f -> ", file '" + f.getFileName() + "'").orElse("") + ": " + getMessage();
    }

    public abstract boolean isTransient();
}
