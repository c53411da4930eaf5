package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.automb.app.AutoM4bCommand;
import org.automb.status.JobIds;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --status} and {@code --status --json} read the job store of a real service running in a child JVM (a second
 * SQLite connection beside the service's), and of a service that has stopped; a store that is not there is one line
 * and exit code 5, and nothing is created.
 */
class StatusCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestAudio AUDIO = TestAudio.bundled();

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    private String out;
    private String err;

    @Test
    void aMissingStoreIsOneLineAndExitCode5AndIsNotCreated() {
        int exit = status();

        assertThat(exit).isEqualTo(AutoM4bCommand.EXIT_CANNOT_START);
        assertThat(err.strip().lines()).singleElement().asString().contains("no job store at").contains("auto-m4b.db");
        assertThat(harness.config().resolve("auto-m4b.db")).doesNotExist();
    }

    @Test
    void aStoreNoServiceEverRanOnSaysSo() throws Exception {
        harness.createStore();

        assertThat(status()).isZero();
        assertThat(out).contains("the service has not run on this job store yet").contains("recent conversions: none");
        assertThat(status("--json")).isZero();
        JsonNode doc = JSON.readTree(out);
        assertThat(doc.path("service").path("running").asBoolean()).isFalse();
        assertThat(doc.path("daily").size()).isEqualTo(30);
    }

    @Test
    void theStatusOfARunningServiceAndThenOfTheStoppedOne() throws Exception {
        harness.createStore();
        ServiceProcess service = harness.start("service");
        harness.dropMp3Book(AUDIO, "Short Book", 2.0);
        Path noise = Files.createDirectories(harness.staging().resolve("Noise Book")).resolve("01 - Noise.mp3");
        Files.write(noise, new byte[20_000]);
        Files.move(noise.getParent(), harness.inbox().resolve("Noise Book"));
        // each book's run is recorded right after its job is finished
        await().atMost(Duration.ofSeconds(90)).until(() -> harness.store(store -> store.runs().of("Short Book").size()
            + store.runs().of("Noise Book").size()) == 2);

        assertThat(status()).isZero();
        assertThat(out).contains(": running since").contains("lifetime:     1 converted")
            .contains("stages: intake started, conversion started").contains("Short Book")
            .contains("Noise Book: book 'Noise Book', file '01 - Noise.mp3'");
        assertThat(status("--json")).isZero();
        JsonNode running = JSON.readTree(out);
        assertThat(running.path("service").path("running").asBoolean()).isTrue();
        assertThat(running.path("version").asText()).isEqualTo("0.1.0");
        assertThat(stage(running, "conversion")).isEqualTo("started");
        assertThat(stage(running, "intake")).isEqualTo("started");
        JsonNode conversion = running.path("recentConversions").get(0);
        assertThat(conversion.path("key").asText()).isEqualTo("Short Book");
        assertThat(conversion.path("id").asText()).isEqualTo(JobIds.idOf("Short Book"));
        assertThat(conversion.path("outcome").asText()).isEqualTo("converted");
        assertThat(conversion.path("audioSeconds").asDouble()).isBetween(1.9, 2.1);
        assertThat(conversion.path("outputBytes").asLong())
            .isEqualTo(Files.size(harness.converted().resolve("Short Book/Short Book.m4b")));
        assertThat(running.path("totals").path("session").path("converted").asInt()).isEqualTo(1);
        assertThat(running.path("counts").path("done").asInt()).isEqualTo(1);
        assertThat(running.path("counts").path("failed").asInt()).isEqualTo(1);
        JsonNode failure = running.path("recentFailures").get(0);
        assertThat(failure.path("key").asText()).isEqualTo("Noise Book");
        assertThat(failure.path("reason").asText()).contains("01 - Noise.mp3");

        assertThat(service.terminate(Duration.ofSeconds(30)).exitCode()).isIn(0, 143);
        assertThat(status()).isZero();
        assertThat(out).contains(": not running (last started").contains("Short Book");
        assertThat(status("--json")).isZero();
        JsonNode stopped = JSON.readTree(out);
        assertThat(stopped.path("service").path("running").asBoolean()).isFalse();
        assertThat(stopped.path("stages").findValuesAsText("state")).containsOnly("stopped");
        assertThat(stopped.path("totals").path("lifetime").path("converted").asInt()).isEqualTo(1);
    }

    private static String stage(JsonNode doc, String name) {
        for (JsonNode stage : doc.path("stages")) {
            if (stage.path("name").asText().equals(name)) {
                return stage.path("state").asText();
            }
        }
        return null;
    }

    /** {@code --status} (and {@code more}) on the harness's folders, in-process; keeps what it printed. */
    private int status(String... more) {
        ChildServiceHarness.StatusRun run = harness.statusCommand(more);
        out = run.out();
        err = run.err();
        return run.exit();
    }
}
