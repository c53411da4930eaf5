package org.automb.io;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The checksums {@code intake.json} records (every source's and the output's SHA-256), computed on their own
 * threads while the book is converted, so delivering it does not wait for two more full reads of the audio.
 */
public final class FileHashes {

    private static final int WARM_UP_CHUNKS = 3;

    private final Executor executor;

    /** {@code executor}: at least two threads, so that one book's sources and its output are hashed side by side. */
    public FileHashes(Executor executor) {
        this.executor = executor;
    }

    /**
     * Hashes a few megabytes of nothing in the background, so that the JIT has compiled the digest (to the CPU's
     * SHA instructions) before the first book: until then it runs at a tenth of its speed.
     */
    public void warmUp() {
        executor.execute(() -> {
            MessageDigest digest = Sha256.newDigest();
            byte[] nothing = new byte[Sha256.CHUNK];
            for (int i = 0; i < WARM_UP_CHUNKS; i++) {
                digest.update(nothing);
            }
            digest.digest();
        });
    }

    /**
     * The SHA-256 of each file, one after the other in one task (a book takes one thread; another is left for its
     * output). Cancelling the result stops the task at its next read.
     */
    public CompletableFuture<Map<Path, String>> sha256All(List<Path> files) {
        CompletableFuture<Map<Path, String>> hashes = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                Map<Path, String> sums = new LinkedHashMap<>();
                for (Path file : files) {
                    String sum = Sha256.of(file, hashes::isDone);
                    if (sum == null) {
                        return; // cancelled: nobody waits for these
                    }
                    sums.put(file, sum);
                }
                hashes.complete(Collections.unmodifiableMap(sums));
            } catch (IOException | RuntimeException e) {
                hashes.completeExceptionally(e);
            }
        });
        return hashes;
    }

    /** The SHA-256 of a finished file, read on a pool thread. */
    public CompletableFuture<String> sha256(Path file) {
        return sha256All(List.of(file)).thenApply(sums -> sums.get(file));
    }

    /** Starts digesting {@code file} behind its writer, who reports through the returned digest. */
    public GrowingFileDigest follow(Path file) {
        GrowingFileDigest digest = new GrowingFileDigest(file);
        executor.execute(digest::digest);
        return digest;
    }
}
