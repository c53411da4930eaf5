package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.automb.app.AutoM4bCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the environment can fail at start, each told in one line with exit code 5 and no stack trace (that only
 * with DEBUG=Y): a PostgreSQL job store nobody answers for (its password never printed), an FFMPEG_PATH that names
 * nothing, a routes/*.yaml Camel cannot build.
 */
class CannotStartTest {

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    @Test
    void anUnreachablePostgresIsOneLineWithoutThePassword() {
        String url = "--database-url=jdbc:postgresql://127.0.0.1:1/automb?user=auto&password=hunter2";
        ServiceProcess once = harness.start("once", "--once", url);
        ServiceProcess validate = harness.start("validate", "--validate", url);

        assertCannotStart(once, "auto-m4b cannot start: cannot migrate the job database at jdbc:postgresql://127.0.0.1:1/automb");
        assertThat(validate.awaitExit(Duration.ofMinutes(1))).isEqualTo(AutoM4bCommand.EXIT_CONFIG);
        assertThat(validate.log().lines())
            .anyMatch(l -> l.startsWith("problem: the job database jdbc:postgresql://127.0.0.1:1/automb cannot be opened"));
        assertThat(validate.log()).doesNotContain("hunter2");
        assertThat(harness.config().resolve("auto-m4b-damaged")).as("a server database is never set aside").doesNotExist();
    }

    @Test
    void anFfmpegPathThatNamesNothingIsOneLine() {
        ServiceProcess once = harness.start("once", "--once", "--ffmpeg-path=" + harness.root().resolve("no-ffmpeg"));

        assertCannotStart(once, "auto-m4b cannot start: FFMPEG_PATH=" + harness.root().resolve("no-ffmpeg")
            + " is not an executable file");
    }

    @Test
    void aBrokenRouteFileIsOneLineAndItsStackTraceComesWithDebug() throws IOException {
        Path run = Files.createDirectories(harness.staging().resolve("run"));
        Path routes = Files.createDirectories(run.resolve("routes"));
        try (var files = Files.list(ServiceProcess.repoRoot().resolve("routes"))) {
            for (Path route : files.toList()) {
                Files.copy(route, routes.resolve(route.getFileName()));
            }
        }
        Files.writeString(routes.resolve("broken.camel.yaml"), "- route:\n  id: [broken\n");

        ServiceProcess once = harness.startIn(run, "once", Map.of(), "--once");
        assertCannotStart(once, "auto-m4b cannot start: ");
        assertThat(once.log()).contains("broken.camel.yaml");

        ServiceProcess debug = harness.startIn(run, "debug", Map.of(), "--once", "--debug=Y");
        assertThat(debug.awaitExit(Duration.ofMinutes(1))).isEqualTo(AutoM4bCommand.EXIT_CANNOT_START);
        assertThat(debug.log()).as("DEBUG=Y adds the stack trace").contains("\tat ");
    }

    private static void assertCannotStart(ServiceProcess process, String lineStart) {
        assertThat(process.awaitExit(Duration.ofMinutes(1))).as("exit code; log: %s", process.log())
            .isEqualTo(AutoM4bCommand.EXIT_CANNOT_START);
        assertThat(process.log().lines()).as("one line says why").filteredOn(l -> l.startsWith("auto-m4b cannot start: "))
            .singleElement().asString().startsWith(lineStart);
        assertThat(process.log()).as("no stack trace, no password").doesNotContain("\tat ").doesNotContain("Exception")
            .doesNotContain("hunter2");
    }
}
