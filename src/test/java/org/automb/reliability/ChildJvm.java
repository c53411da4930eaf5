package org.automb.reliability;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.automb.io.SafeMover;

/**
 * How the suite's child JVMs run the service: from jars, with a class-data-sharing archive made once per test run,
 * as bin/auto-m4b runs it. The suite starts the service in well over a hundred child JVMs; the archive saves each
 * about a second of its start (and two of CPU on CI's two cores).
 *
 * <p>CDS cannot archive classes from directories, so the compiled classes (target/classes, target/test-classes) are
 * put in jars first; the service then also reads its own resources from a jar, as it does in the image. Where the
 * archive cannot be made, the children run without one and the run says why once.
 */
final class ChildJvm {

    private static final Duration TRAINING_LIMIT = Duration.ofMinutes(2);
    private static ChildJvm made;

    private final String classpath;
    private final List<String> options;

    private ChildJvm(String classpath, List<String> options) {
        this.classpath = classpath;
        this.options = options;
    }

    /** The one for this test run, made by the first child started. */
    static synchronized ChildJvm forThisRun(String testClasspath) {
        if (made == null) {
            made = make(testClasspath);
        }
        return made;
    }

    /** {@code java}, its options and the classpath, before the main class. */
    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(options);
        command.add("-cp");
        command.add(classpath);
        return command;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static ChildJvm make(String testClasspath) {
        ChildJvm plain = new ChildJvm(testClasspath, List.of());
        Path folder;
        try {
            folder = childJvmFolder(testClasspath);
        } catch (RuntimeException e) {
            return plain;
        }
        try {
            new SafeMover().deleteTree(folder);
            Files.createDirectories(folder);
            String jars = jarred(testClasspath, folder);
            Path archive = folder.resolve("service.jsa");
            if (!train(jars, archive, folder)) {
                return plain;
            }
            System.out.println("child JVMs: from jars with the class-data-sharing archive " + archive);
            return new ChildJvm(jars, List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        } catch (IOException | RuntimeException e) {
            System.out.println("child JVMs: without a class-data-sharing archive (" + e + ")");
            return plain;
        }
    }

    /** {@code child-jvm} beside the folder of the compiled classes (target/, or the -DbuildDir one). */
    private static Path childJvmFolder(String testClasspath) {
        return Stream.of(testClasspath.split(File.pathSeparator)).map(Path::of)
            .filter(entry -> Files.isRegularFile(entry.resolve("org/automb/app/AutoM4bCommand.class")))
            .findFirst().orElseThrow().toAbsolutePath().getParent().resolve("child-jvm");
    }

    /** The classpath with each directory entry replaced by a jar of its contents. */
    private static String jarred(String testClasspath, Path folder) {
        ToolProvider jar = ToolProvider.findFirst("jar").orElseThrow(() -> new IllegalStateException("no jar tool"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : testClasspath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.isDirectory(path)) {
                entries.add(entry);
                continue;
            }
            Path jarFile = folder.resolve("classes-" + n++ + ".jar");
            StringWriter output = new StringWriter();
            int exit = jar.run(new PrintWriter(output), new PrintWriter(output), "--create", "--file", jarFile.toString(),
                "-C", path.toString(), ".");
            if (exit != 0) {
                throw new IllegalStateException("jar " + path + ": " + output);
            }
            entries.add(jarFile.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /** A one-shot run on empty folders, which loads what a start loads, dumped into {@code archive} at its exit. */
    private static boolean train(String jars, Path archive, Path folder) throws IOException {
        Path run = Files.createDirectories(folder.resolve("training"));
        Path dumping = folder.resolve("service.jsa.part");
        List<String> command = new ArrayList<>(List.of(java(), "-XX:ArchiveClassesAtExit=" + dumping, "-Xlog:cds=off",
            "-Xlog:cds+dynamic=off", "-cp", jars, "org.automb.app.AutoM4bCommand", "--once"));
        for (String setting : List.of("inbox", "converted", "archive", "backup", "failed", "working", "config")) {
            command.add("--" + setting + "-folder=" + Files.createDirectories(run.resolve(setting)));
        }
        Path log = folder.resolve("training.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ServiceProcess.repoRoot().toFile())
            .redirectErrorStream(true).redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        ServiceProcess.serviceEnvironment(builder.environment(), java.util.Map.of());
        Process process = builder.start();
        try {
            if (!process.waitFor(TRAINING_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                System.out.println("child JVMs: without a class-data-sharing archive (the training run took over "
                    + TRAINING_LIMIT.toSeconds() + " s; " + log + ")");
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(dumping)) {
            System.out.println("child JVMs: without a class-data-sharing archive (the training run exited with "
                + process.exitValue() + "; " + log + ")");
            return false;
        }
        Files.move(dumping, archive);
        return true;
    }
}
