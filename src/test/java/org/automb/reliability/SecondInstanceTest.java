package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.automb.app.AutoM4bCommand;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One instance per CONFIG_FOLDER: a second start exits at once with code 4, naming the folder and the running PID;
 * once the first is killed with SIGKILL (no clean-up runs), the OS lock is gone and a new start works.
 */
class SecondInstanceTest {

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    @Test
    void aSecondInstanceOnTheSameConfigFolderIsRefusedUntilTheFirstDies() throws Exception {
        ServiceProcess first = harness.start("first");
        awaitLockHeldBy(first);

        ServiceProcess second = harness.start("second", "--once");
        int exit = second.awaitExit(Duration.ofSeconds(60));
        System.out.printf("SecondInstanceTest: the second instance exited with %d after %.1f s%n", exit, second.secondsSinceStart());
        assertThat(exit).as("exit code of the second instance").isEqualTo(AutoM4bCommand.EXIT_ALREADY_RUNNING);
        assertThat(second.log()).as("message of the second instance")
            .contains("already running")
            .contains("CONFIG_FOLDER=" + harness.config())
            .contains("PID " + first.pid());
        assertThat(first.isAlive()).as("the first instance is unaffected").isTrue();

        first.kill();
        ServiceProcess third = harness.start("third");
        awaitLockHeldBy(third);
        // and it really works: a book dropped now is converted
        harness.dropMp3Book(TestAudio.bundled(), "After Restart", 2.0);
        Path output = harness.converted().resolve("After Restart").resolve("After Restart.m4b");
        await("the new instance converts a book").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
            .until(() -> Files.isRegularFile(output) && Files.isDirectory(harness.archive().resolve("After Restart")));
        assertThat(third.isAlive()).isTrue();
        third.kill();
    }

    /** The lock file names the process on its first line: it took the lock (the PID is written only after the lock is held). */
    private void awaitLockHeldBy(ServiceProcess process) {
        Path lockFile = harness.config().resolve("auto-m4b.lock");
        await(process.name() + " holds the lock").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
            .until(() -> {
                assertThat(process.isAlive()).as("%s is running", process.name()).isTrue();
                return readQuietly(lockFile).lines().findFirst().orElse("").equals(String.valueOf(process.pid()));
            });
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
