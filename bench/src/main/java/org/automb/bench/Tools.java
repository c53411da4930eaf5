package org.automb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.Loader;

/**
 * The public tools the benchmark uses: the ffmpeg and ffprobe bundled in {@code org.bytedeco:ffmpeg} (started the
 * way the application starts them, {@code env LD_LIBRARY_PATH=<dir> <dir>/ffmpeg}), GNU {@code /usr/bin/time} for
 * wall time, CPU time (the process and every child it waited for) and peak RSS, {@code /proc}, GStreamer's
 * {@code gst-launch-1.0} (Debian's gstreamer1.0-tools and plugins) for the second decoder of the exactness check,
 * and espeak-ng (Debian's espeak-ng) for the speech case's books.
 */
final class Tools {

    static final Path GNU_TIME = Path.of("/usr/bin/time");
    /** The GStreamer elements the exactness check's decode needs, and the Debian package that ships each. */
    private static final List<List<String>> GSTREAMER_ELEMENTS = List.of(List.of("filesrc", "libgstreamer1.0-0"),
        List.of("fdsink", "libgstreamer1.0-0"), List.of("qtdemux", "gstreamer1.0-plugins-good"),
        List.of("decodebin", "gstreamer1.0-plugins-base"), List.of("audioconvert", "gstreamer1.0-plugins-base"),
        List.of("avdec_aac", "gstreamer1.0-libav"));
    static final String GSTREAMER_PACKAGES =
        "gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-libav";

    /** A tool the benchmark cannot run without; its message says what to install. */
    static final class MissingTool extends RuntimeException {
        MissingTool(String message) {
            super(message);
        }
    }

    final List<String> ffmpeg;
    final List<String> ffprobe;
    final String ffmpegPath;
    final boolean haveGnuTime;

    private Tools(List<String> ffmpeg, List<String> ffprobe, String ffmpegPath, boolean haveGnuTime) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
        this.ffmpegPath = ffmpegPath;
        this.haveGnuTime = haveGnuTime;
    }

    static Tools locate() {
        String ffmpegExe = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        String ffprobeExe = Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
        Path dir = Path.of(ffmpegExe).getParent();
        // JavaCPP ships libva under its unversioned name only (the application links it the same way)
        link(dir, "libva.so", "libva.so.2");
        link(dir, "libva-drm.so", "libva-drm.so.2");
        String env = "LD_LIBRARY_PATH=" + dir;
        boolean gnuTime = Files.isExecutable(GNU_TIME) && probeGnuTime();
        return new Tools(List.of("env", env, ffmpegExe), List.of("env", env, ffprobeExe), ffmpegExe, gnuTime);
    }

    private static void link(Path dir, String file, String soname) {
        Path link = dir.resolve(soname);
        if (Files.exists(dir.resolve(file)) && !Files.exists(link)) {
            try {
                Files.createSymbolicLink(link, Path.of(file));
            } catch (IOException ignored) {
                // another process created it, or the application will
            }
        }
    }

    private static boolean probeGnuTime() {
        try {
            Path out = Files.createTempFile("bench-time", ".txt");
            Process p = new ProcessBuilder(GNU_TIME.toString(), "-f", "%e %U %S %M", "-o", out.toString(), "true")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            boolean ok = p.waitFor() == 0 && Files.readString(out).trim().split("\\s+").length == 4;
            Files.deleteIfExists(out);
            return ok;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    List<String> ffmpeg(List<String> args) {
        List<String> cmd = new ArrayList<>(ffmpeg);
        cmd.addAll(args);
        return cmd;
    }

    List<String> ffprobe(List<String> args) {
        List<String> cmd = new ArrayList<>(ffprobe);
        cmd.addAll(args);
        return cmd;
    }

    /** What one measured run (or a set of runs) cost. CPU counts the process and every child it waited for. */
    record Usage(double wall, double user, double sys, long maxRssKb) {
        static final Usage ZERO = new Usage(0, 0, 0, 0);

        double cpu() {
            return user + sys;
        }

        /** Runs one after the other: walls add up. */
        Usage then(Usage next) {
            return new Usage(wall + next.wall, user + next.user, sys + next.sys, Math.max(maxRssKb, next.maxRssKb));
        }

        /** Runs side by side (the wall is measured separately): CPU adds up, the wall is kept. */
        Usage alongside(Usage other) {
            return new Usage(wall, user + other.user, sys + other.sys, Math.max(maxRssKb, other.maxRssKb));
        }

        Usage withWall(double newWall) {
            return new Usage(newWall, user, sys, maxRssKb);
        }
    }

    /**
     * Runs {@code command} under GNU time (when present) and returns its usage; stdout goes to {@code stdout}
     * (or is discarded), stderr to {@code log}. Fails when the command fails.
     */
    Usage timed(List<String> command, Path workDir, Path stdout, Path log) {
        Path timeFile = log.resolveSibling(log.getFileName() + ".time");
        List<String> full = new ArrayList<>();
        if (haveGnuTime) {
            full.addAll(List.of(GNU_TIME.toString(), "-f", "%e %U %S %M", "-o", timeFile.toString()));
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).directory(workDir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectError(log.toFile())
            .redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
        long start = System.nanoTime();
        try {
            Process p = pb.start();
            int exit = p.waitFor();
            double wall = (System.nanoTime() - start) / 1e9;
            if (exit != 0) {
                throw new IllegalStateException("command failed (exit " + exit + "): " + String.join(" ", command)
                    + "\n" + tail(log, 8));
            }
            // the wall clock is ours (GNU time's %e has a 10 ms resolution); CPU and peak RSS are GNU time's
            return haveGnuTime ? parseTime(timeFile, wall).withWall(wall) : new Usage(wall, Double.NaN, Double.NaN, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GNU time's "%e %U %S %M" line (the last one: a failed command adds a line before it). */
    static Usage parseTime(Path timeFile, double fallbackWall) {
        try {
            List<String> lines = Files.readAllLines(timeFile, StandardCharsets.UTF_8);
            String[] f = lines.get(lines.size() - 1).trim().split("\\s+");
            return new Usage(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]), Long.parseLong(f[3]));
        } catch (IOException | RuntimeException e) {
            return new Usage(fallbackWall, Double.NaN, Double.NaN, 0);
        }
    }

    /** Runs a short command and returns its stdout (ffprobe's JSON). */
    String capture(List<String> command) {
        try {
            // stderr discarded, not read first: a report longer than the pipe (300 chapters) would block ffprobe
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("command failed (exit " + exit + "): " + String.join(" ", command));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks that gst-launch-1.0 and every element the GStreamer decode needs are installed; throws
     * {@link MissingTool} naming what is missing and the packages to install. Called before anything is measured.
     */
    static void requireGstreamer() {
        String why = "the exactness check decodes every output with GStreamer's qtdemux as well as ffmpeg";
        String install = "install Debian's " + GSTREAMER_PACKAGES + " (apt-get install " + GSTREAMER_PACKAGES + ")";
        for (String tool : List.of("gst-launch-1.0", "gst-inspect-1.0")) {
            if (onPath(tool) == null) {
                throw new MissingTool(tool + " is not on the PATH: " + why + "; " + install);
            }
        }
        for (List<String> element : GSTREAMER_ELEMENTS) {
            if (!succeeds(List.of("gst-inspect-1.0", "--exists", element.get(0)))) {
                throw new MissingTool("GStreamer element " + element.get(0) + " is missing (Debian package "
                    + element.get(1) + "): " + why + "; " + install);
            }
        }
    }

    /**
     * Checks that espeak-ng (Debian's {@code espeak-ng}) runs; throws {@link MissingTool} saying what to install.
     * Called before anything is measured when a speech case is selected.
     */
    static void requireEspeakNg(String caseId) {
        if (onPath("espeak-ng") == null || !succeeds(List.of("espeak-ng", "--version"))) {
            throw new MissingTool("espeak-ng is not on the PATH: the " + caseId + " case speaks its books with it;"
                + " install Debian's espeak-ng (apt-get install espeak-ng)");
        }
    }

    /** gst-launch-1.0's version line, for the report. */
    String gstreamerVersion() {
        return capture(List.of("gst-launch-1.0", "--version")).lines().filter(l -> l.startsWith("GStreamer"))
            .findFirst().orElse("GStreamer");
    }

    /**
     * gst-launch-1.0 decoding {@code file}'s first audio stream as a GStreamer-based player would (qtdemux, decodebin),
     * to mono s16le at the stream's rate on stdout. Each argument is one pipeline token; gst-launch escapes it itself,
     * so a path with spaces or quotes stays one location.
     */
    List<String> gstreamerDecode(Path file) {
        return List.of("gst-launch-1.0", "-q", "filesrc", "location=" + file.toAbsolutePath(), "!",
            "qtdemux", "name=demux", "demux.audio_0", "!", "decodebin", "!", "audioconvert", "dithering=none", "!",
            "audio/x-raw,format=S16LE,layout=interleaved,channels=1", "!", "fdsink", "fd=1");
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean succeeds(List<String> command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** Runs the tasks {@code threads} at a time and returns their results in order. */
    static <T> List<T> parallel(int threads, List<Callable<T>> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One thread's time for the SHA-256 of every file, read from the page cache: the third pass of three, so the
     * JIT has compiled the digest (as in a service that has hashed a book before).
     */
    static double sha256Seconds(List<Path> files) {
        try {
            double seconds = 0;
            byte[] buffer = new byte[1 << 20];
            for (int pass = 0; pass < 3; pass++) {
                long start = System.nanoTime();
                for (Path file : files) {
                    java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
                    try (var in = Files.newInputStream(file)) {
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            digest.update(buffer, 0, n);
                        }
                    }
                    digest.digest();
                }
                seconds = (System.nanoTime() - start) / 1e9;
            }
            return seconds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes every dirty page out, so that the next timed command does not pay for the last one's writes. */
    void sync() {
        try {
            new ProcessBuilder("sync").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
