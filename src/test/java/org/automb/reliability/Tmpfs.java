package org.automb.reliability;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A tmpfs of its own, so that a move to it crosses file systems. Mounting needs root with CAP_SYS_ADMIN: where it
 * is not allowed, the test that asked is skipped.
 */
final class Tmpfs implements AutoCloseable {

    private final Path mountPoint;
    private final boolean ownFolder;

    private Tmpfs(Path mountPoint, boolean ownFolder) {
        this.mountPoint = mountPoint;
        this.ownFolder = ownFolder;
    }

    /** Mounts a tmpfs of {@code sizeMb} megabytes on a new temporary folder, or skips the test. */
    static Tmpfs mount(int sizeMb) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("auto-m4b-tmpfs");
        try {
            return mountOn(dir, "size=" + sizeMb + "m", true);
        } finally {
            if (!isMountPoint(dir)) {
                Files.deleteIfExists(dir);
            }
        }
    }

    /** Mounts a tmpfs with mount {@code options} (e.g. {@code ro,size=1m}) on the existing folder {@code dir}, or skips the test. */
    static Tmpfs mountOn(Path dir, String options) throws IOException, InterruptedException {
        return mountOn(dir, options, false);
    }

    private static Tmpfs mountOn(Path dir, String options, boolean ownFolder) throws IOException, InterruptedException {
        boolean mounted = run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString());
        assumeThat(mounted).as("a tmpfs (" + options + ") can be mounted (root with CAP_SYS_ADMIN)").isTrue();
        return new Tmpfs(dir, ownFolder);
    }

    private static boolean isMountPoint(Path dir) throws IOException {
        return !Files.getFileStore(dir).equals(Files.getFileStore(dir.getParent()));
    }

    Path root() {
        return mountPoint;
    }

    /** Unmounts it (after Camel has stopped: nothing uses it any more). */
    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", mountPoint.toString());
        if (ownFolder) {
            Files.deleteIfExists(mountPoint);
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }
}
