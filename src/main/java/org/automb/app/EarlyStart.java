package org.automb.app;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.automb.config.Settings;
import org.automb.deliver.DeliveredBooks;
import org.automb.io.Futures;
import org.automb.jobs.store.JobStore;
import org.automb.media.ffmpeg.FfmpegTools;
import org.automb.plan.LibavProbe;

/**
 * The slow parts of start-up (loading the bundled ffmpeg's libraries for the in-JVM probe, encoder and shell,
 * opening the job store and applying its migrations) begun on their own threads as soon as the command line knows
 * the settings, so they overlap Camel loading its routes; together they were about a third of the time to ready.
 *
 * <p>{@link AppConfiguration} takes the results when its settings match the ones they were begun with, and
 * does the work itself otherwise (tests, or a configuration that changed in between).
 */
public final class EarlyStart {

    private final Settings begunWith;
    /** The service's one clock: every time its logic reads (retries due, timestamps) comes from it. */
    private final Clock clock;
    private final CompletableFuture<FfmpegTools> tools;
    private final CompletableFuture<Optional<LibavProbe>> libav;
    private final CompletableFuture<JobStore> store;
    /** Whether the store was handed to the service, which then closes it. */
    private volatile boolean storeTaken;

    private EarlyStart(Settings begunWith, Clock clock, CompletableFuture<FfmpegTools> tools,
                       CompletableFuture<Optional<LibavProbe>> libav, CompletableFuture<JobStore> store) {
        this.begunWith = begunWith;
        this.clock = clock;
        this.tools = tools;
        this.libav = libav;
        this.store = store;
    }

    /** Nothing begun: every part is done when asked for. */
    public static EarlyStart none() {
        return new EarlyStart(null, Clock.systemDefaultZone(), null, null, null);
    }

    /** Begins every part for {@code settings} (whose folders must exist). */
    public static EarlyStart begin(Settings settings, Clock clock) {
        // logging set up here, once: begun by a worker while Camel begins it too, SLF4J drops early lines with a warning
        org.slf4j.LoggerFactory.getILoggerFactory();
        return new EarlyStart(settings, clock,
            onOwnThread("start-ffmpeg", () -> runnableTools(settings)),
            onOwnThread("start-libav", () -> libavFor(settings)),
            onOwnThread("start-job-store", () -> openStore(settings, clock)));
    }

    /**
     * The ffmpeg and ffprobe to use; one named by FFMPEG_PATH or FFPROBE_PATH must exist as an executable, or the
     * start fails now rather than every book later (running them is left to {@code --validate}: it costs a process).
     * The bundled ones are extracted only when a book needs them (see {@link FfmpegTools}), or now for ENCODER=ffmpeg,
     * which needs them for every book: one that cannot load here fails the start, naming the missing library.
     */
    static FfmpegTools runnableTools(Settings settings) {
        requireExecutable("FFMPEG_PATH", settings.ffmpegPath());
        requireExecutable("FFPROBE_PATH", settings.ffprobePath());
        FfmpegTools tools = FfmpegTools.resolve(settings.ffmpegPath(), settings.ffprobePath());
        if (settings.encoder() == Settings.Encoder.FFMPEG) {
            tools.ffmpegCommand(java.util.List.of());
        }
        return tools;
    }

    private static void requireExecutable(String setting, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        boolean onPath = !value.contains("/");
        Stream<Path> candidates = !onPath ? Stream.of(Path.of(value))
            : Arrays.stream(Objects.requireNonNullElse(System.getenv("PATH"), "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, value));
        if (candidates.noneMatch(p -> Files.isRegularFile(p) && Files.isExecutable(p))) {
            throw new IllegalStateException(setting + "=" + value + " is not an executable file" + (onPath ? " on the PATH" : "")
                + "; install it there, or unset " + setting + " to use the bundled one");
        }
    }

    /**
     * The in-JVM probe, unless FFPROBE_PATH names an ffprobe the user wants used. Without FFPROBE_PATH the bundled
     * libraries are needed: when they cannot load, the start fails naming the missing system library.
     */
    static Optional<LibavProbe> libavFor(Settings settings) {
        return settings.ffprobePath() == null || settings.ffprobePath().isBlank() ? Optional.of(LibavProbe.require())
            : Optional.empty();
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
        return runnableTools(settings);
    }

    Optional<LibavProbe> libav(Settings settings) {
        if (libav != null && Objects.equals(begunWith.ffprobePath(), settings.ffprobePath())) {
            return Futures.await(libav);
        }
        return libavFor(settings);
    }

    /**
     * The clock the command line began with (the system's), for all of the service's logic; its zone, the system's,
     * is the one for the local times users read.
     */
    Clock clock() {
        return clock;
    }

    JobStore store(Settings settings) {
        if (store != null && storeUrl(begunWith).equals(storeUrl(settings))) {
            storeTaken = true;
            return Futures.await(store);
        }
        if (store != null) {
            store.thenAccept(JobStore::close); // begun for another database: not ours to keep open
        }
        return openStore(settings, clock);
    }

    /**
     * Waits (at most {@code limit}) for the parts still being begun when the start failed, and closes the store if
     * the service never took it. The process exits next: a part still loading while the exit runs can fail half-way
     * (SQLite's native library did, in CI) and print an error with a stack trace after the start's one line.
     */
    void settle(java.time.Duration limit) {
        try {
            CompletableFuture.allOf(Stream.of(tools, libav, store).filter(Objects::nonNull).toArray(CompletableFuture[]::new))
                .get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // a part that failed or still runs: the start's own failure is the one to tell
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (store != null && !storeTaken) {
            store.thenAccept(JobStore::close);
        }
    }

    /** The store, begun afresh when its SQLite file is damaged (see {@link JobStoreStartup}). */
    private static JobStore openStore(Settings settings, Clock clock) {
        return new JobStoreStartup(new DeliveredBooks()).open(settings, clock);
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
