package org.automb.io;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work done on another thread as if it had run on this one. */
public final class Futures {

    private Futures() {
    }

    /** The result, or the runtime exception or error the work threw (not wrapped in a CompletionException). */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** As {@link #await}, for work that reads files: an IOException it failed with is thrown as itself. */
    public static <T> T awaitReading(CompletableFuture<T> future) throws IOException {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            return await(future);
        }
    }
}
