package org.automb.config;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.automb.concurrent.Futures;
import org.automb.convert.FfmpegTools;
import org.automb.convert.LibavProbe;
import org.automb.jobs.store.JobStore;

/**
 * The slow parts of start-up (extracting the bundled ffmpeg, loading its libraries for the in-JVM probe,
 * opening the job store and applying its migrations) begun on their own threads as soon as the command line knows
 * the settings, so they overlap Camel loading its routes; together they were about a third of the time to ready.
 *
 * <p>{@link AppConfiguration} takes the results when its settings match the ones they were begun with, and
 * does the work itself otherwise (tests, or a configuration that changed in between).
 */
public final class EarlyStart {

    private final Settings begunWith;
    private final CompletableFuture<FfmpegTools> tools;
    private final CompletableFuture<Optional<LibavProbe>> libav;
    private final CompletableFuture<JobStore> store;

    private EarlyStart(Settings begunWith, CompletableFuture<FfmpegTools> tools,
                       CompletableFuture<Optional<LibavProbe>> libav, CompletableFuture<JobStore> store) {
        this.begunWith = begunWith;
        this.tools = tools;
        this.libav = libav;
        this.store = store;
    }

    /** Nothing begun: every part is done when asked for. */
    public static EarlyStart none() {
        return new EarlyStart(null, null, null, null);
    }

    /** Begins every part for {@code settings} (whose folders must exist). */
    public static EarlyStart begin(Settings settings, Clock clock) {
        return new EarlyStart(settings,
            onOwnThread("start-ffmpeg", () -> FfmpegTools.resolve(settings.ffmpegPath(), settings.ffprobePath())),
            onOwnThread("start-libav", () -> libavFor(settings)),
            onOwnThread("start-job-store", () -> JobStore.open(storeUrl(settings), clock)));
    }

    /** The in-JVM probe, unless FFPROBE_PATH names an ffprobe the user wants used. */
    static Optional<LibavProbe> libavFor(Settings settings) {
        return settings.ffprobePath() == null || settings.ffprobePath().isBlank() ? LibavProbe.load() : Optional.empty();
    }

    /** The job store's JDBC URL for these settings. */
    public static String storeUrl(Settings settings) {
        return settings.databaseUrl().isBlank() ? JobStore.defaultUrl(settings.config()) : settings.databaseUrl();
    }

    FfmpegTools tools(Settings settings) {
        if (tools != null && Objects.equals(begunWith.ffmpegPath(), settings.ffmpegPath())
            && Objects.equals(begunWith.ffprobePath(), settings.ffprobePath())) {
            return Futures.await(tools);
        }
        return FfmpegTools.resolve(settings.ffmpegPath(), settings.ffprobePath());
    }

    Optional<LibavProbe> libav(Settings settings) {
        if (libav != null && Objects.equals(begunWith.ffprobePath(), settings.ffprobePath())) {
            return Futures.await(libav);
        }
        return libavFor(settings);
    }

    JobStore store(Settings settings, Clock clock) {
        if (store != null && storeUrl(begunWith).equals(storeUrl(settings))) {
            return Futures.await(store);
        }
        if (store != null) {
            store.thenAccept(JobStore::close); // begun for another database: not ours to keep open
        }
        return JobStore.open(storeUrl(settings), clock);
    }

    private static <T> CompletableFuture<T> onOwnThread(String name, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }
}
