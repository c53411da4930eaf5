package org.automb.plan;

import java.nio.file.Path;

/**
 * A source file that cannot be used as audiobook audio: ffprobe output that is not JSON, has no audio stream
 * or no positive duration. The message is meant for the user and names the file.
 */
public class ProbeException extends RuntimeException {

    private final transient Path file;

    public ProbeException(Path file, String message) {
        super(message);
        this.file = file;
    }

    public ProbeException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The file that could not be used. */
    public Path file() {
        return file;
    }
}
