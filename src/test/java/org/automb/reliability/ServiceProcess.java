package org.automb.reliability;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.automb.config.SettingDef;
import org.automb.config.SettingsCatalog;

/**
 * The real service in a child JVM: {@code java -cp <test classpath> org.automb.app.AutoM4bCommand <options>} (the
 * classes jarred, with a class-data-sharing archive: {@link ChildJvm}), run
 * from the repo root (so ./routes and ./application.properties are the real ones), stdout and stderr in one log file.
 * It can be killed as a crash kills it ({@link #kill()}: SIGKILL), or awaited for its exit code.
 */
public final class ServiceProcess {

    private static volatile boolean classpathReported;

    private final String name;
    private final Process process;
    private final Path log;
    private final long startedNanos = System.nanoTime();
    private final AtomicLong peakRssKb = new AtomicLong(-1);
    private volatile Thread sampler;

    private ServiceProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts the service with {@code options} (e.g. {@code --once}, {@code --inbox-folder=...}); output goes to {@code log}. */
    static ServiceProcess start(String name, Path log, List<String> options) {
        return start(name, log, options, Map.of());
    }

    /** The same, with {@code environment} set for the service (every other setting's variable removed). */
    public static ServiceProcess start(String name, Path log, List<String> options, Map<String, String> environment) {
        return start(name, log, options, environment, repoRoot());
    }

    /** The same, run from {@code directory} (whose ./routes and ./application.properties then count). */
    static ServiceProcess start(String name, Path log, List<String> options, Map<String, String> environment,
                                Path directory) {
        List<String> command = ChildJvm.forThisRun(classpath()).command();
        command.add("org.automb.app.AutoM4bCommand");
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        serviceEnvironment(builder.environment(), environment);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "");
            return new ServiceProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** A child service's environment: {@code environment} over the build's, without any setting of the build's. */
    static void serviceEnvironment(Map<String, String> env, Map<String, String> environment) {
        // only the options count: settings in the environment of whoever runs the build must not leak in
        for (SettingDef def : new SettingsCatalog(Runtime.getRuntime().availableProcessors()).all()) {
            env.remove(def.name());
        }
        env.put("AUTO_M4B_LOG_LEVEL", "INFO");
        // no test reaches the internet: a test that tags books sets AUDIBLE_ENABLED and AUDIBLE_API_URL itself
        env.put("AUDIBLE_ENABLED", "N");
        env.putAll(environment);
    }

    /** The folder holding pom.xml and routes/ (surefire runs tests there; searched upwards to be sure). */
    static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("routes"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repo root (pom.xml and routes/) above " + Path.of("").toAbsolutePath());
    }

    /**
     * The test classpath with real entries: {@code java.class.path}, unless surefire made that a manifest-only
     * booter jar, in which case {@code surefire.test.class.path}.
     */
    static String classpath() {
        for (String property : List.of("java.class.path", "surefire.test.class.path")) {
            String value = System.getProperty(property);
            if (value != null && Arrays.stream(value.split(File.pathSeparator))
                    .anyMatch(entry -> Files.isRegularFile(Path.of(entry, "org", "automb", "app", "AutoM4bCommand.class")))) {
                if (!classpathReported) {
                    classpathReported = true;
                    System.out.println("child JVM classpath: " + property + " (" + value.split(File.pathSeparator).length + " entries)");
                }
                return value;
            }
        }
        throw new IllegalStateException("no classpath entry holds the compiled classes: java.class.path="
            + System.getProperty("java.class.path"));
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return log;
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /**
     * SIGKILL, as a crash or {@code kill -9} ends the JVM: no shutdown hook runs. The ffmpeg processes it started are
     * orphaned as they would be; they see their pipes close and end by themselves, which is awaited (and forced
     * after 30 s) so they cannot touch the folders once the test goes on.
     */
    public void kill() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly(); // SIGKILL on Linux
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (PID " + pid() + ") survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                System.out.println(name + ": orphaned child " + child.pid() + " still ran 30 s after the kill; killing it");
                child.destroyForcibly();
            } catch (Exception e) {
                child.destroyForcibly();
            }
        }
    }

    /**
     * SIGTERM, as {@code docker stop} or a service manager ends the service, then waits up to {@code limit} for the
     * exit; returns the exit code and the seconds the stop took. Kills the process and fails when it outlives the limit.
     */
    public Stopped terminate(Duration limit) {
        long sent = System.nanoTime();
        process.destroy(); // SIGTERM on Linux
        int exit = awaitExit(limit);
        return new Stopped(exit, (System.nanoTime() - sent) / 1e9);
    }

    /** How a SIGTERM ended the service: its exit code and how long the stop took. */
    public record Stopped(int exitCode, double seconds) {
    }

    /** Kills the process and everything it started, without waiting for orphans to end by themselves (clean-up). */
    public void killTree() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the process to exit by itself and returns its exit code; kills it and fails after {@code limit}. */
    int awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree();
                throw new AssertionError(name + " did not exit within " + limit.toSeconds() + " s; killed it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        stopSampler();
        return process.exitValue();
    }

    /** Seconds since the process was started. */
    double secondsSinceStart() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /**
     * Reads {@code /proc/<pid>/status} every {@code period} while the process runs and keeps the highest VmHWM (the
     * kernel's own high-water mark of resident memory), so the last read before exit is the peak.
     */
    void sampleMemory(Duration period) {
        Path status = Path.of("/proc", String.valueOf(pid()), "status");
        Thread thread = new Thread(() -> {
            while (process.isAlive() && !Thread.currentThread().isInterrupted()) {
                long kb = vmHwmKb(status);
                if (kb > 0) {
                    peakRssKb.accumulateAndGet(kb, Math::max);
                }
                try {
                    Thread.sleep(period.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-" + name);
        thread.setDaemon(true);
        thread.start();
        sampler = thread;
    }

    /** The highest VmHWM seen, in kB; -1 when never read (no /proc, or not sampled). */
    long peakRssKb() {
        return peakRssKb.get();
    }

    private void stopSampler() {
        Thread thread = sampler;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long vmHwmKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between the check and the read
        }
        return -1;
    }
}
