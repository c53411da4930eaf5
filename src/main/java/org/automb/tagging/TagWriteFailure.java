package org.automb.tagging;

import java.io.IOException;
import java.nio.file.Path;

/** Tags could not be written into a book; the book itself is untouched. The message says why, for the user. */
public final class TagWriteFailure extends IOException {

    private final transient Path file;

    public TagWriteFailure(Path file, String reason, Throwable cause) {
        super(file.getFileName() + ": " + reason, cause);
        this.file = file;
    }

    public TagWriteFailure(Path file, String reason) {
        this(file, reason, null);
    }

    /** The book whose tags were to be written. */
    public Path file() {
        return file;
    }
}
