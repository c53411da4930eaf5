package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A command-line option beats the environment variable of the same name in the running service, as documented:
 * with INBOX_FOLDER in the environment and --inbox-folder on the command line, the option's inbox is converted and
 * the variable's left alone. (The launcher's training start relies on it: its options name an empty inbox.)
 */
class CommandLineOverEnvironmentTest {

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    @Test
    void theOptionsInboxIsConvertedNotTheEnvironmentsOne() throws Exception {
        harness.dropMp3Book(TestAudio.bundled(), "From The Option", 2.0);
        Path other = Files.createDirectories(harness.staging().resolve("environment-inbox").resolve("From The Environment"));
        TestAudio.bundled().mp3(other.resolve("01.mp3"), 2.0, Map.of());

        ServiceProcess service = harness.start("once", Map.of("INBOX_FOLDER", other.getParent().toString(),
            "CPU_CORES", "1"), "--once", "--cpu-cores=2");
        int exit = service.awaitExit(Duration.ofMinutes(2));

        assertThat(exit).as("exit code; log: %s", service.log()).isZero();
        assertThat(service.log()).contains("1 converted");
        assertThat(harness.converted().resolve("From The Option").resolve("From The Option.m4b")).exists();
        assertThat(harness.converted().resolve("From The Environment")).doesNotExist();
        assertThat(other.resolve("01.mp3")).as("the environment's inbox is untouched").exists();
    }
}
