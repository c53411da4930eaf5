package org.automb.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;

/**
 * The SHA-256 of a file another thread is still writing: it reads the file behind the writer, as far as the writer
 * says it has written, so the digest is ready about when the file is instead of one more full read later. What it
 * digests is what a reader of the file gets (the page cache), not what the writer meant to write.
 *
 * <p>The writer calls {@link #grewTo} as it goes, then {@link #complete}; or {@link #abandon} when it gives up.
 */
public final class GrowingFileDigest {

    private final Path file;
    private final CompletableFuture<String> sha256 = new CompletableFuture<>();
    private long written;
    private boolean complete;

    GrowingFileDigest(Path file) {
        this.file = file;
    }

    /** The file's digest, once the writer has completed it and every byte was read. */
    public CompletableFuture<String> sha256() {
        return sha256;
    }

    /** The writer has written the file's first {@code length} bytes (never less than it said before). */
    public synchronized void grewTo(long length) {
        written = Math.max(written, length);
        notifyAll();
    }

    /** The writer is done: the file is as long as it last said. */
    public synchronized void complete() {
        complete = true;
        notifyAll();
    }

    /** The writer gave up: the digest is never needed. */
    public synchronized void abandon() {
        sha256.cancel(false);
        notifyAll();
    }

    /** Reads and digests until the writer completes or abandons the file (run on a pool thread). */
    void digest() {
        try {
            MessageDigest digest = Sha256.newDigest();
            ByteBuffer buffer = ByteBuffer.allocate(Sha256.CHUNK);
            long position = 0;
            FileChannel in = null;
            try {
                for (long end; (end = waitBeyond(position)) > position; ) {
                    if (in == null) {
                        in = FileChannel.open(file, StandardOpenOption.READ); // it exists once something is written
                    }
                    while (position < end) {
                        buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
                        int read = in.read(buffer, position);
                        if (read < 0) {
                            throw new EOFException(file + " is shorter than its writer said (" + position + " < " + end + ")");
                        }
                        digest.update(buffer.array(), 0, read);
                        position += read;
                    }
                }
            } finally {
                if (in != null) {
                    in.close();
                }
            }
            if (!sha256.isDone()) {
                sha256.complete(Sha256.hex(digest));
            }
        } catch (IOException | RuntimeException e) {
            sha256.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sha256.completeExceptionally(e);
        }
    }

    /** How far the file is written once it is beyond {@code position}; {@code position} when there is no more. */
    private synchronized long waitBeyond(long position) throws InterruptedException {
        while (written <= position && !complete && !sha256.isDone()) {
            wait();
        }
        return sha256.isDone() ? position : written;
    }
}
