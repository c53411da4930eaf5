package org.automb.failure;

import java.nio.file.Path;

/** A failure that may not happen again: I/O errors, disk full, ffmpeg killed, locked files. */
public class TransientFailure extends BookFailure {

    public TransientFailure(String bookKey, Path file, String reason, String details) {
        super(bookKey, file, reason, details, null);
    }

    public TransientFailure(String bookKey, Path file, String reason, Throwable cause) {
        super(bookKey, file, reason, "", cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
