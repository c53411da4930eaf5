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

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code sizeMb} megabytes on a new temporary folder, or skips the test. */
    static Tmpfs mount(int sizeMb) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("auto-m4b-tmpfs");
        boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=" + sizeMb + "m", "tmpfs", dir.toString());
        if (!mounted) {
            Files.delete(dir);
        }
        assumeThat(mounted).as("a tmpfs can be mounted (root with CAP_SYS_ADMIN)").isTrue();
        return new Tmpfs(dir);
    }

    Path root() {
        return mountPoint;
    }

    /** Unmounts it (after Camel has stopped: nothing uses it any more). */
    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", mountPoint.toString());
        Files.deleteIfExists(mountPoint);
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
