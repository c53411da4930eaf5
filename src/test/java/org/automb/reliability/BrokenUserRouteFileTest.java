package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.automb.app.AutoM4bCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user's route file in CONFIG_FOLDER/routes that Camel cannot read (docs/plugins.md): the real service (--once) and
 * --validate, each in its own JVM, refuse it with exit code 2 and one line naming the file, the line and the reason,
 * with no stack trace, before Camel starts.
 */
class BrokenUserRouteFileTest {

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    @Test
    void aBrokenRouteFileIsRefusedWithItsFileLineAndReason() throws Exception {
        Path file = harness.config().resolve("routes").resolve("mine.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
            - route:
                id: my-plugin
                from:
                  uri: direct:plugin-after-deliver
                  steps:
                    - lgo: "a step that does not exist"
            """);
        String problem = "problem: route file " + file + ", line 6: ";

        ServiceProcess once = harness.start("once", "--once");
        ServiceProcess validate = harness.start("validate", "--validate");
        assertThat(once.awaitExit(Duration.ofSeconds(60))).as("--once; log: %s", once.log()).isEqualTo(AutoM4bCommand.EXIT_CONFIG);
        assertThat(validate.awaitExit(Duration.ofSeconds(60))).as("--validate; log: %s", validate.log())
            .isEqualTo(AutoM4bCommand.EXIT_CONFIG);
        for (ServiceProcess process : java.util.List.of(once, validate)) {
            assertThat(process.log().lines()).as("%s names the file, the line and the reason", process.name())
                .anyMatch(line -> line.startsWith(problem) && line.contains("lgo"));
            assertThat(process.log()).as("no stack trace from %s", process.name()).doesNotContain("\tat ");
        }
    }
}
