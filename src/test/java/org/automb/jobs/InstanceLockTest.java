package org.automb.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLockTest {

    @TempDir
    Path config;

    @Test
    void aSecondAcquireOnTheSameFolderIsRefusedUntilTheFirstIsClosed() throws Exception {
        Optional<InstanceLock> first = InstanceLock.tryAcquire(config);
        assertThat(first).isPresent();
        assertThat(InstanceLock.holderPid(config)).isEqualTo(String.valueOf(ProcessHandle.current().pid()));

        assertThat(InstanceLock.tryAcquire(config)).as("second acquire, same JVM").isEmpty();
        assertThat(InstanceLock.tryAcquire(config)).as("and again").isEmpty();

        first.get().close();
        Optional<InstanceLock> again = InstanceLock.tryAcquire(config);
        assertThat(again).as("free once closed").isPresent();
        again.get().close();
    }

    @Test
    void locksOnDifferentFoldersAreIndependent(@TempDir Path other) throws Exception {
        try (InstanceLock a = InstanceLock.tryAcquire(config).orElseThrow();
             InstanceLock b = InstanceLock.tryAcquire(other).orElseThrow()) {
            assertThat(InstanceLock.tryAcquire(config)).isEmpty();
            assertThat(InstanceLock.tryAcquire(other)).isEmpty();
        }
    }

    @Test
    void anotherProcessIsKeptOutAlsoAfterARefusedAcquireInThisJvm() throws Exception {
        try (InstanceLock held = InstanceLock.tryAcquire(config).orElseThrow()) {
            assertThat(otherProcessAcquires(config)).as("another process, lock held").isFalse();
            // a refused attempt here, and a look at the holder's PID, must not drop the OS lock of the holder
            assertThat(InstanceLock.tryAcquire(config)).isEmpty();
            assertThat(InstanceLock.holderPid(config)).isEqualTo(String.valueOf(ProcessHandle.current().pid()));
            assertThat(otherProcessAcquires(config)).as("another process, after a refused acquire here").isFalse();
        }
        assertThat(otherProcessAcquires(config)).as("another process, lock released").isTrue();
    }

    /** Runs {@link Probe} in a new JVM: does another process get the lock on {@code folder}? */
    private static boolean otherProcessAcquires(Path folder) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), Probe.class.getName(), folder.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("probe output").isIn("acquired", "refused");
        return output.equals("acquired");
    }

    /** The other process. */
    public static final class Probe {
        public static void main(String[] args) throws IOException {
            Optional<InstanceLock> lock = InstanceLock.tryAcquire(Path.of(args[0]));
            System.out.println(lock.isPresent() ? "acquired" : "refused");
            if (lock.isPresent()) {
                lock.get().close();
            }
        }
    }
}
