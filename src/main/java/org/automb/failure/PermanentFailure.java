package org.automb.failure;

import java.nio.file.Path;

/** A failure that will happen again until the user changes the book: undecodable audio, no audio, a mixed folder. */
public class PermanentFailure extends BookFailure {

    public PermanentFailure(String bookKey, Path file, String reason, String details) {
        super(bookKey, file, reason, details, null);
    }

    public PermanentFailure(String bookKey, Path file, String reason, Throwable cause) {
        super(bookKey, file, reason, "", cause);
    }

    @Override
    public boolean isTransient() {
        return false;
    }
}
