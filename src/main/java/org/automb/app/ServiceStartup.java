package org.automb.app;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.automb.audio.libav.NativeCrashGuard;
import org.automb.config.Settings;
import org.automb.io.FileHashes;
import org.automb.io.SafeMover;
import org.automb.jobs.StartupRecovery;
import org.automb.jobs.store.JobStore;
import org.automb.media.ffmpeg.FfmpegTools;
import org.automb.plan.LibavProbe;

/**
 * The service's start-up work as named steps in one fixed order (docs/architecture.md, "Start-up steps"): ffmpeg,
 * the folders, the job store, the native-crash markers, crash recovery, the hash pool. The order matters: the
 * folders before anything writes in them, the markers read before recovery empties the working folder, recovery
 * after the store it corrects. {@link AppConfiguration} runs them before it wires the subsystems, which get
 * what the steps leave ({@link Started}).
 */
final class ServiceStartup {

    /** What the steps leave for the wiring. */
    record Started(FfmpegTools tools, Optional<LibavProbe> libav, JobStore store, NativeCrashGuard crashGuard,
                   FileHashes hashes) {
    }

    private final CamelContext context;
    /** Owns the pools a step creates (Camel shuts them down with it). */
    private final Object owner;
    private final Settings settings;
    private final EarlyStart earlyStart;
    private final SafeMover mover;
    private final Clock clock;

    private FfmpegTools tools;
    private Optional<LibavProbe> libav;
    private JobStore store;
    private NativeCrashGuard crashGuard;
    private FileHashes hashes;

    ServiceStartup(CamelContext context, Object owner, Settings settings, EarlyStart earlyStart, SafeMover mover,
                   Clock clock) {
        this.context = context;
        this.owner = owner;
        this.settings = settings;
        this.earlyStart = earlyStart;
        this.mover = mover;
        this.clock = clock;
    }

    /** The steps, in the order they run. */
    StartupSteps steps() {
        return new StartupSteps(List.of(
            new StartupStep("find ffmpeg and load its libraries", this::findFfmpeg),
            new StartupStep("create the folders", () -> ConfigValidator.createFolders(settings)),
            new StartupStep("open the job store", this::openJobStore),
            new StartupStep("read the native-crash markers", this::readCrashMarkers),
            new StartupStep("recover from a crash", this::recover),
            new StartupStep("start the hash pool and warm up its JIT", this::startHashing)));
    }

    /** Runs every step in order; what the first failing one throws ends the start. */
    Started run() throws Exception {
        steps().runInOrder();
        return new Started(tools, libav, store, crashGuard, hashes);
    }

    /** Begun early by the command line (see {@link EarlyStart}); awaited here, or done now. */
    private void findFfmpeg() {
        tools = earlyStart.tools(settings);
        libav = earlyStart.libav(settings);
    }

    private void openJobStore() throws Exception {
        store = earlyStart.store(settings);
        context.addService(new ClosingService(store));
    }

    /** Read before the recovery empties the working folder: which books a crash may have come from. */
    private void readCrashMarkers() throws java.io.IOException {
        crashGuard = NativeCrashGuard.fromLeftovers(settings.working());
    }

    private void recover() throws java.io.IOException {
        new StartupRecovery(settings.working(), store, mover, clock).recover();
    }

    /**
     * The checksums intake.json records, computed while a book is converted: a book's sources on one thread, its
     * output on another, behind the joiner that writes it. Warmed up now so the first book hashes at full speed.
     */
    private void startHashing() {
        hashes = new FileHashes(context.getExecutorServiceManager().newFixedThreadPool(owner, "hash",
            Math.max(2, settings.cpuCores())));
        hashes.warmUp();
    }

    /** Closes the job store when Camel stops. */
    private record ClosingService(AutoCloseable resource) implements org.apache.camel.Service {
        @Override
        public void start() {
        }

        @Override
        public void stop() {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + resource, e);
            }
        }
    }
}
