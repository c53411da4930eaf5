package org.automb.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.automb.audio.ProgressMonitor;
import org.automb.io.SafeMover;
import org.automb.jobs.store.JobStore;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Folders under a temporary directory and the child JVMs that run the service on them
 * ({@code @RegisterExtension}). Every folder is passed as an option. After each test every child still running is
 * killed; when the test failed, the log of every child it started is printed and the folders are kept
 * ({@code -Dautomb.printChildLogs=true} prints the logs of passing tests too). Registered on a static field, one
 * harness (folders and children) serves every test of the class, set up before the first and ended after the last.
 */
public final class ChildServiceHarness implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
    AfterAllCallback {

    private Path root;
    private final List<ServiceProcess> started = new ArrayList<>();
    /** Registered statically: shared by the class's tests. */
    private boolean perClass;
    private boolean anyFailed;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        perClass = true;
        setUp();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            setUp();
        }
    }

    private void setUp() throws IOException {
        root = Files.createTempDirectory("auto-m4b-child");
        Files.createDirectories(staging());
        Files.createDirectories(inbox());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (perClass) {
            anyFailed |= context.getExecutionException().isPresent();
            return;
        }
        end(context.getExecutionException().isPresent());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (perClass) {
            end(anyFailed || context.getExecutionException().isPresent());
        }
    }

    private void end(boolean failed) throws IOException {
        started.stream().filter(ServiceProcess::isAlive).forEach(ServiceProcess::killTree);
        if (failed || Boolean.getBoolean("automb.printChildLogs")) {
            printLogs();
        }
        if (failed) {
            System.out.println("folders kept for inspection: " + root);
        } else {
            new SafeMover().deleteTree(root);
        }
        started.clear();
    }

    public Path root() { return root; }
    public Path inbox() { return root.resolve("inbox"); }
    public Path converted() { return root.resolve("converted"); }
    Path archive() { return root.resolve("archive"); }
    public Path failed() { return root.resolve("failed"); }
    Path working() { return root.resolve("working"); }
    Path backup() { return root.resolve("backup"); }
    public Path config() { return root.resolve("config"); }
    public Path staging() { return root.resolve("staging"); }

    /**
     * Starts the service in a child JVM on this harness's folders. {@code options} (e.g. {@code --once},
     * {@code --max-retries=3}) replace the defaults of the same name: no wait time, a scan every second, 1 MB of
     * free space to keep, short retries, originals archived, and the HTTP server on any free port (services run in
     * parallel must never meet on 8080).
     */
    public ServiceProcess start(String name, String... options) {
        return start(name, Map.of(), options);
    }

    /** The same, with environment variables set for the service. */
    public ServiceProcess start(String name, Map<String, String> environment, String... options) {
        return startIn(ServiceProcess.repoRoot(), name, environment, options);
    }

    /** The same, run from {@code directory} (its ./routes and ./application.properties are the ones read). */
    ServiceProcess startIn(Path directory, String name, Map<String, String> environment, String... options) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String option : List.of("--inbox-folder=" + inbox(), "--converted-folder=" + converted(),
                "--archive-folder=" + archive(), "--failed-folder=" + failed(), "--working-folder=" + working(),
                "--backup-folder=" + backup(), "--config-folder=" + config(), "--wait-time=0", "--sleep-time=1",
                "--min-free-space-mb=1", "--retry-base-delay=0.5", "--max-retries=2", "--on-complete=archive",
                "--http-port=0")) {
            byName.put(optionName(option), option);
        }
        for (String option : options) {
            byName.put(optionName(option), option);
        }
        ServiceProcess process = ServiceProcess.start(name, root.resolve("logs").resolve(name + ".log"),
            List.copyOf(byName.values()), environment, directory);
        started.add(process);
        return process;
    }

    private static String optionName(String option) {
        int eq = option.indexOf('=');
        return eq < 0 ? option : option.substring(0, eq);
    }

    /** Reads the job store (SQLite in WAL mode: readable while a child writes it), closed again afterwards. */
    public <T> T store(Function<JobStore, T> read) {
        try (JobStore store = JobStore.open(JobStore.defaultUrl(config()), Clock.systemUTC())) {
            return read.apply(store);
        }
    }

    /**
     * Creates the job database before the first child starts, so reads from the test never race the child's
     * schema migration.
     */
    public void createStore() {
        store(store -> null);
    }

    /** Builds {@code staging/<book>/<book>.mp3} with {@code audio}, then moves the folder into the inbox at once. */
    public Path dropMp3Book(TestAudio audio, String book, double seconds) {
        Path stage = staging().resolve(book);
        audio.mp3(stage.resolve(book + ".mp3"), seconds, Map.of("title", book, "artist", "Test Author"));
        try {
            return Files.move(stage, inbox().resolve(book));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void printLogs() {
        for (ServiceProcess process : started) {
            System.out.println("===== log of " + process.name() + " (PID " + process.pid() + ", "
                + (process.isAlive() ? "running" : "ended") + ") =====");
            System.out.println(process.log());
            System.out.println("===== end of " + process.name() + " =====");
        }
    }

    /** Every regular file under {@code folder}, relative, sorted (empty when the folder does not exist). */
    static List<String> filesUnder(Path folder) {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every entry (file or folder) under {@code folder}, relative, sorted. */
    static List<String> entriesUnder(Path folder) {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> !p.equals(folder)).map(p -> folder.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of every file under {@code folder}, by relative path. */
    static Map<String, String> checksums(Path folder) {
        return org.automb.testing.FolderChecksums.of(folder);
    }

    /** The progress file of an encode that has written at least 20 s of audio and has not finished. */
    Optional<Path> encodeMidWay() {
        if (!Files.isDirectory(working())) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(working())) {
            return files.filter(p -> p.getFileName().toString().equals("encode.progress"))
                .filter(p -> ProgressMonitor.lastOutTimeSeconds(p) >= 20 && !finished(p))
                .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty(); // a book's working folder removed during the walk
        }
    }

    private static boolean finished(Path progress) {
        try {
            return Files.readString(progress).contains("progress=end");
        } catch (IOException e) {
            return true;
        }
    }

    /** What an in-process {@code --status} printed, and its exit code. */
    public record StatusRun(int exit, String out, String err) {
    }

    /** {@code --status} (and {@code more}) on these folders, in-process, stdout and stderr captured (and echoed). */
    public StatusRun statusCommand(String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--status",
            "--inbox-folder=" + inbox(), "--converted-folder=" + converted(), "--archive-folder=" + archive(),
            "--failed-folder=" + failed(), "--working-folder=" + working(), "--config-folder=" + config()));
        args.addAll(java.util.List.of(more));
        java.io.PrintStream stdout = System.out;
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream outBytes = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream errBytes = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(outBytes, true, java.nio.charset.StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(errBytes, true, java.nio.charset.StandardCharsets.UTF_8));
        int exit;
        try {
            exit = org.automb.app.AutoM4bCommand.run(args.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        String out = outBytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        String err = errBytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        stdout.print(out);
        stderr.print(err);
        return new StatusRun(exit, out, err);
    }
}
