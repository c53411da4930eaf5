package org.automb.audio.ffmpeg;

import org.automb.failure.BookFailure;
import org.automb.failure.PermanentFailure;
import org.automb.failure.TransientFailure;
import org.automb.media.ffmpeg.CommandResult;

/** Classifies a failed ffmpeg run: a full disk or a killed process may pass, anything else will happen again. */
public final class FfmpegFailures {

    private FfmpegFailures() {
    }

    /** The failure for a run of ffmpeg that {@code what} ("write the audio", "write the m4b") and failed. */
    public static BookFailure of(String bookKey, String what, CommandResult result) {
        String lines = result.lastErrorLines(8);
        if (lines.contains("No space left on device")) {
            return new TransientFailure(bookKey, null, "the working folder is full (no space left on device)", lines);
        }
        if (killedBySignal(result.exitCode())) {
            return new TransientFailure(bookKey, null, "ffmpeg was killed (exit " + result.exitCode() + ")", lines);
        }
        return new PermanentFailure(bookKey, null, "ffmpeg could not " + what + " (exit " + result.exitCode() + ")", lines);
    }

    /**
     * As {@link #of(String, String, CommandResult)}, naming the input (a source, the cover) ffmpeg's last lines name (it prints the path
     * of an input it cannot open or read), so the user is sent to the file at fault.
     */
    public static BookFailure of(String bookKey, String what, CommandResult result, java.util.List<java.nio.file.Path> inputs) {
        BookFailure failure = of(bookKey, what, result);
        if (failure.isTransient() || failure.file().isPresent()) {
            return failure;
        }
        String lines = result.lastErrorLines(8);
        for (java.nio.file.Path input : inputs) {
            if (lines.contains(input.toAbsolutePath().toString())) {
                return new PermanentFailure(bookKey, input, failure.getMessage(), failure.details());
            }
        }
        return failure;
    }

    /**
     * True for the exit codes of a process ended by a signal (128 + HUP, INT, QUIT, ABRT, KILL, SEGV, PIPE, TERM).
     * Other codes above 128 are ffmpeg's own errors: it exits with the low byte of its negative error code
     * (183 for invalid data, 254 for a missing file).
     */
    public static boolean killedBySignal(int exitCode) {
        return exitCode < 0 || switch (exitCode) {
            case 129, 130, 131, 134, 137, 139, 141, 143 -> true;
            default -> false;
        };
    }
}
