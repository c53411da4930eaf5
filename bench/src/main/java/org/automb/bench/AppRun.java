package org.automb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.automb.bench.Tools.Usage;

/**
 * One run of the real application ({@code bin/auto-m4b --once ...}, the launcher users run) as a child process, measured from the
 * outside: GNU time for wall, CPU (the JVM and every ffmpeg it started and waited for) and the largest process's
 * peak RSS; {@code /proc/<jvm>/status} polled every 50 ms for the JVM's own RSS; the log lines, timed as they
 * arrive, for the moment Camel is started ("ready") and each book's start and end.
 */
final class AppRun {

    private static final Pattern READY = Pattern.compile("Apache Camel \\S+ \\(.*\\) started in");
    private static final Pattern STARTED = Pattern.compile("book '(.+)': started \\(");
    private static final Pattern DONE = Pattern.compile("book '(.+)': done in");
    private static final long POLL_MILLIS = 50;

    /** A sample of the JVM's resident memory and how many books were done when it was taken. */
    record RssSample(double at, long rssKb, int booksDone) {
    }

    /** A book as the application reported it: its span in the log and the phases of its intake.json. */
    record BookReport(String key, double startedAt, double doneAt, Path output, JsonNode manifest) {
        double wall() {
            return doneAt - startedAt;
        }
    }

    record Result(Usage usage, double readyAt, long jvmPeakRssKb, long jvmMaxRssConvertingKb, List<RssSample> rss,
                  Map<String, BookReport> books, int exitCode, Path log, long startEpochMillis) {

        /** From the first book's start to the last book's end, as logged. */
        double bookSpan() {
            double first = books.values().stream().mapToDouble(BookReport::startedAt).min().orElse(0);
            double last = books.values().stream().mapToDouble(BookReport::doneAt).max().orElse(0);
            return last - first;
        }

        Optional<JsonNode> anyManifest() {
            return books.values().stream().map(BookReport::manifest).filter(m -> m != null).findFirst();
        }
    }

    private final Tools tools;
    private final Path jar;
    private final List<String> jvmArgs;

    AppRun(Tools tools, Path jar, List<String> jvmArgs) {
        this.tools = tools;
        this.jar = jar;
        this.jvmArgs = jvmArgs;
    }

    /** bin/auto-m4b of the checkout the jar was built in. */
    private Path launcher() {
        return jar.getParent().getParent().resolve("bin").resolve("auto-m4b");
    }

    private void launcherEnvironment(ProcessBuilder builder, List<String> moreJvmArgs) {
        List<String> options = new ArrayList<>(jvmArgs);
        options.addAll(moreJvmArgs);
        builder.environment().put("AUTO_M4B_JAR", jar.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", String.join(" ", options));
    }

    /**
     * Lets the launcher make its class-data-sharing archive (a training start) before anything is timed, as it
     * does once after each build; returns the seconds it took.
     */
    double prepareLauncher() {
        long t0 = System.nanoTime();
        try {
            ProcessBuilder builder = new ProcessBuilder(launcher().toString(), "--help-config")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
            launcherEnvironment(builder, List.of());
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(launcher() + " --help-config exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Puts the books (hard links to the corpus, so nothing is copied) into a fresh inbox and runs the application
     * once over them. {@code extraOptions} are added to the command line (for instance --max-parallel-books=1).
     */
    Result run(Path runDir, List<Path> bookDirs, List<String> extraOptions) {
        try {
            Tools.deleteTree(runDir);
            Path inbox = runDir.resolve("inbox");
            for (Path book : bookDirs) {
                linkBook(book, inbox.resolve(book.getFileName().toString()));
            }
            Path logConfig = runDir.resolve("log4j2-bench.properties");
            writeLogConfig(logConfig);
            List<String> cmd = new ArrayList<>();
            Path timeFile = runDir.resolve("app.time");
            if (tools.haveGnuTime) {
                cmd.addAll(List.of(Tools.GNU_TIME.toString(), "-f", "%e %U %S %M", "-o", timeFile.toString()));
            }
            // the launcher users run (bin/auto-m4b: the JVM with the class-data-sharing archive); exec keeps its PID
            cmd.add(launcher().toString());
            cmd.add("--once");
            cmd.addAll(folderOptions(runDir, inbox));
            cmd.addAll(extraOptions);
            Files.createDirectories(runDir.resolve("cwd"));
            Path log = runDir.resolve("app.log");

            long t0 = System.nanoTime();
            long t0Epoch = System.currentTimeMillis();
            ProcessBuilder builder = new ProcessBuilder(cmd).directory(runDir.resolve("cwd").toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            launcherEnvironment(builder, List.of("-Dlog4j2.configurationFile=" + logConfig));
            Process process = builder.start();
            Map<String, Double> started = new ConcurrentHashMap<>();
            Map<String, Double> done = new ConcurrentHashMap<>();
            double[] ready = {Double.NaN};
            Thread reader = new Thread(() -> readLog(process.getInputStream(), log, t0, ready, started, done), "app-log");
            reader.start();
            List<RssSample> samples = new ArrayList<>();
            long peak = 0;
            ProcessHandle jvm = null;
            while (process.isAlive()) {
                if (jvm == null) {
                    jvm = tools.haveGnuTime
                        ? process.toHandle().children().findFirst().orElse(null)
                        : process.toHandle();
                }
                if (jvm != null) {
                    long[] rss = readRss(jvm.pid());
                    if (rss[0] > 0) {
                        samples.add(new RssSample((System.nanoTime() - t0) / 1e9, rss[0], done.size()));
                        peak = Math.max(peak, rss[1]);
                    }
                }
                Thread.sleep(POLL_MILLIS);
            }
            int exit = process.waitFor();
            double wall = (System.nanoTime() - t0) / 1e9;
            reader.join(10_000);
            Usage usage = tools.haveGnuTime ? Tools.parseTime(timeFile, wall).withWall(wall) : new Usage(wall, Double.NaN, Double.NaN, 0);
            double firstStart = started.values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            double lastDone = done.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            long converting = samples.stream().filter(s -> s.at() >= firstStart && s.at() <= lastDone)
                .mapToLong(RssSample::rssKb).max().orElse(0);
            Map<String, BookReport> books = new LinkedHashMap<>();
            ObjectMapper json = new ObjectMapper();
            for (String key : started.keySet().stream().sorted().toList()) {
                Path folder = runDir.resolve("converted").resolve(key);
                Path output = null;
                JsonNode manifest = null;
                if (Files.isDirectory(folder)) {
                    try (var files = Files.list(folder)) {
                        output = files.filter(f -> f.toString().endsWith(".m4b")).findFirst().orElse(null);
                    }
                    Path intake = folder.resolve("intake.json");
                    if (Files.exists(intake)) {
                        manifest = json.readTree(intake.toFile());
                    }
                }
                books.put(key, new BookReport(key, started.get(key), done.getOrDefault(key, Double.NaN), output, manifest));
            }
            return new Result(usage, ready[0], peak, converting, samples, books, exit, log, t0Epoch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The book as a running service meets it: the service is started without {@code --once} on a copy of the book
     * (its JVM warms up converting it), then a second copy is moved into the inbox and timed, from its 'started' line
     * to its 'done' line; the service is then stopped. Returns that second span in seconds.
     */
    double warmSpan(Path runDir, Path bookDir) {
        try {
            Tools.deleteTree(runDir);
            Path inbox = runDir.resolve("inbox");
            String first = bookDir.getFileName().toString();
            String second = first + " again";
            linkBook(bookDir, inbox.resolve(first));
            Path staged = runDir.resolve("stage").resolve(second);
            linkBook(bookDir, staged);
            Path logConfig = runDir.resolve("log4j2-bench.properties");
            writeLogConfig(logConfig);
            Files.createDirectories(runDir.resolve("cwd"));
            List<String> cmd = new ArrayList<>(List.of(launcher().toString(), "--sleep-time=1", "--http-port=0"));
            cmd.addAll(folderOptions(runDir, inbox));
            ProcessBuilder builder = new ProcessBuilder(cmd).directory(runDir.resolve("cwd").toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            launcherEnvironment(builder, List.of("-Dlog4j2.configurationFile=" + logConfig));
            long t0 = System.nanoTime();
            Process process = builder.start();
            Map<String, Double> started = new ConcurrentHashMap<>();
            Map<String, Double> done = new ConcurrentHashMap<>();
            Thread reader = new Thread(() -> readLog(process.getInputStream(), runDir.resolve("app.log"), t0,
                new double[] {Double.NaN}, started, done), "app-log");
            reader.start();
            try {
                awaitDone(process, done, first);
                tools.sync();
                // one rename: the scanner sees the whole book at once
                Files.move(staged, inbox.resolve(second), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                awaitDone(process, done, second);
                return done.get(second) - started.get(second);
            } finally {
                process.destroy();
                if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
                reader.join(10_000);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every folder under {@code runDir}, no waiting for files to settle, the originals left where they are. */
    private static List<String> folderOptions(Path runDir, Path inbox) {
        return List.of("--inbox-folder=" + inbox, "--converted-folder=" + runDir.resolve("converted"),
            "--archive-folder=" + runDir.resolve("archive"), "--failed-folder=" + runDir.resolve("failed"),
            "--working-folder=" + runDir.resolve("working"), "--config-folder=" + runDir.resolve("config"),
            "--wait-time=0", "--on-complete=test_do_nothing",
            // the benchmark times the service, not Audible: no lookups (the chapter split, MAX_CHAPTER_LENGTH, stays on)
            "--audible-enabled=N");
    }

    private static void awaitDone(Process process, Map<String, Double> done, String book) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(30);
        while (!done.containsKey(book)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the service did not convert '" + book + "' (see its app.log)");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static void linkBook(Path bookDir, Path target) throws IOException {
        Files.createDirectories(target);
        try (var files = Files.list(bookDir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                linkOrCopy(f, target.resolve(f.getFileName().toString()));
            }
        }
    }

    private static void readLog(InputStream in, Path log, long t0, double[] ready, Map<String, Double> started,
                                Map<String, Double> done) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                double at = (System.nanoTime() - t0) / 1e9;
                out.write(Tools.fmt("[+%8.3f] %s%n", at, line));
                if (Double.isNaN(ready[0]) && READY.matcher(line).find()) {
                    ready[0] = at;
                }
                Matcher m = STARTED.matcher(line);
                if (m.find()) {
                    started.putIfAbsent(m.group(1), at);
                }
                m = DONE.matcher(line);
                if (m.find()) {
                    done.put(m.group(1), at);
                }
            }
        } catch (IOException e) {
            // the process ended; what was read is kept
        }
    }

    /** VmRSS and VmHWM of a process, in kB (0 when it is gone). */
    static long[] readRss(long pid) {
        long rss = 0;
        long hwm = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
        return new long[] {rss, hwm};
    }

    private static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(source, target);
        }
    }

    /**
     * The application's own log configuration (read from the jar) plus one logger: Camel's "started in" line, the
     * moment the routes run. Nothing else about the application changes.
     */
    private void writeLogConfig(Path target) throws IOException {
        String config;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entry = zip.getEntry("log4j2.properties");
            config = entry == null ? "" : new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        }
        if (config.isEmpty()) {
            config = "appender.console.type = Console\nappender.console.name = console\n"
                + "appender.console.layout.type = PatternLayout\nappender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5level %msg%n\n"
                + "rootLogger.level = WARN\nrootLogger.appenderRef.console.ref = console\n"
                + "logger.app.name = org.automb\nlogger.app.level = INFO\n";
        }
        config += "\n# added by the benchmark: the moment the routes are started\n"
            + "logger.benchready.name = org.apache.camel.impl.engine.AbstractCamelContext\nlogger.benchready.level = INFO\n";
        Files.writeString(target, config, StandardCharsets.UTF_8);
    }
}
