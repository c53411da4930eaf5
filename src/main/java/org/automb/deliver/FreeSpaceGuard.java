package org.automb.deliver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.automb.failure.TransientFailure;
import org.automb.intake.Book;

/**
 * Refuses to start a conversion that would run out of disk: the working folder must have twice the book's expected
 * output size free (the encoded audio and the m4b are there at once), the converted folder once, each plus
 * {@code MIN_FREE_SPACE_MB}. Too little space is a transient failure with a
 * clear message, never a half-written file.
 */
public final class FreeSpaceGuard {

    private final Path working;
    private final Path converted;
    private final long minFreeBytes;

    public FreeSpaceGuard(Path working, Path converted, long minFreeMegabytes) {
        this.working = working;
        this.converted = converted;
        this.minFreeBytes = minFreeMegabytes * 1024 * 1024;
    }

    /** Expected output size: never more than the sources (AAC at or below their bitrate) plus a margin. */
    public static long expectedOutputBytes(Book book) {
        long total = 0;
        for (Path file : book.audioFiles()) {
            try {
                total += Files.size(file);
            } catch (IOException e) {
                // a vanished file fails the book later with its own message
            }
        }
        return total + total / 10;
    }

    public void check(Book book) {
        long output = expectedOutputBytes(book);
        // the working folder holds the encoded audio and the muxed m4b at the same time
        checkFolder(book, working, 2 * output + minFreeBytes);
        checkFolder(book, converted, output + minFreeBytes);
    }

    private void checkFolder(Book book, Path folder, long needed) {
        long free;
        try {
            free = Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            throw new TransientFailure(book.key(), null, "cannot read the free space of " + folder + ": " + e.getMessage(), e);
        }
        if (free < needed) {
            throw new TransientFailure(book.key(), null, String.format(
                "not enough free space in %s: %d MB free, %d MB needed (the book's expected size plus MIN_FREE_SPACE_MB)",
                folder, free / (1024 * 1024), needed / (1024 * 1024)), "");
        }
    }
}
