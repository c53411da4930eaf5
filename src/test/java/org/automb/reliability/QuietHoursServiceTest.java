package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.automb.app.AutoM4bCommand;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quiet hours and the pause on the real service in child JVMs (docs/workflows.md, "Quiet hours and pause"): a pause
 * set through the API outlives a SIGKILL and a new start on the same folders (the status API and the metrics say
 * held, a new book waits) until it is resumed through the API; {@code --once --respect-schedule} outside the window
 * leaves the book waiting in the inbox, ends with exit code 3 and {@code --status} shows the book waiting and the
 * hold; {@code --once} without the flag converts it.
 */
class QuietHoursServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestAudio AUDIO = TestAudio.bundled();
    private static final Pattern LISTENING = Pattern.compile("HTTP server listening on [^:]+:(\\d+)");

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aPauseSurvivesAKillAndARestartUntilItIsResumed() throws Exception {
        harness.createStore();
        ServiceProcess first = harness.start("first", "--http-port=0", "--http-host=127.0.0.1");
        int port = listeningPort(first);
        String key = Files.readString(harness.config().resolve("api-key")).strip();
        HttpResponse<String> paused = send(port, "POST", "/api/v1/pause", key);
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(JSON.readTree(paused.body()).get("paused").asBoolean()).isTrue();

        first.kill();
        ServiceProcess second = harness.start("second", "--http-port=0", "--http-host=127.0.0.1");
        port = listeningPort(second);

        JsonNode conversion = json(send(port, "GET", "/api/v1/status", key)).get("conversion");
        assertThat(conversion.get("held").asBoolean()).as("still paused after the restart: %s", conversion).isTrue();
        assertThat(conversion.get("reason").asText()).isEqualTo("paused");
        assertThat(conversion.get("pausedBy").asText()).isNotBlank();
        assertThat(heldMetric(port, key, "paused")).isEqualTo(1);
        assertThat(heldMetric(port, key, "outside_schedule")).isZero();

        harness.dropMp3Book(AUDIO, "Paused Book", 2.0);
        await().atMost(Duration.ofSeconds(60)).until(() -> state("Paused Book"), s -> s == JobState.WAITING);
        // several inbox passes (one a second): the book must stay waiting through each
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
            .until(() -> state("Paused Book") == JobState.WAITING
                && !Files.exists(harness.converted().resolve("Paused Book")));
        JsonNode queue = json(send(port, "GET", "/api/v1/queue", key));
        assertThat(queue.get("items").get(0).get("key").asText()).isEqualTo("Paused Book");
        assertThat(queue.get("items").get(0).get("state").asText()).isEqualTo("waiting");
        assertThat(harness.inbox().resolve("Paused Book/Paused Book.mp3")).isRegularFile();

        HttpResponse<String> resumed = send(port, "POST", "/api/v1/resume", key);
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(90)).until(() -> state("Paused Book"), s -> s == JobState.DONE);
        assertThat(harness.converted().resolve("Paused Book/Paused Book.m4b")).isRegularFile();
        assertThat(json(send(port, "GET", "/api/v1/status", key)).at("/conversion/held").asBoolean()).isFalse();
        assertThat(heldMetric(port, key, "paused")).isZero();
    }

    @Test
    void onceRespectingTheScheduleLeavesTheBookWaitingAndOnceWithoutItConvertsIt() throws Exception {
        // a window that opens in two hours: closed now whatever the hour (one across midnight is allowed)
        LocalTime now = LocalTime.now();
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        String schedule = now.plusHours(2).format(hhmm) + "-" + now.plusHours(3).format(hhmm);
        harness.dropMp3Book(AUDIO, "Night Book", 2.0);

        ServiceProcess respecting = harness.start("once-respecting", "--once", "--respect-schedule",
            "--convert-schedule=" + schedule);
        assertThat(respecting.awaitExit(Duration.ofMinutes(2))).as("exit code; log: %s", respecting.log())
            .isEqualTo(AutoM4bCommand.EXIT_BOOKS_FAILED);
        assertThat(harness.inbox().resolve("Night Book/Night Book.mp3")).isRegularFile();
        assertThat(harness.converted().resolve("Night Book")).doesNotExist();
        assertThat(state("Night Book")).isEqualTo(JobState.WAITING);

        ChildServiceHarness.StatusRun text = status("--convert-schedule=" + schedule);
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("conversions held: outside CONVERT_SCHEDULE " + schedule + ", opens ")
            .containsPattern("waiting +Night Book");
        ChildServiceHarness.StatusRun json = status("--convert-schedule=" + schedule, "--json");
        JsonNode doc = JSON.readTree(json.out());
        assertThat(doc.at("/conversion/reason").asText()).isEqualTo("outside_schedule");
        assertThat(doc.at("/conversion/schedule").asText()).isEqualTo(schedule);
        assertThat(doc.at("/conversion/opensAt").asText()).isNotBlank();
        assertThat(doc.at("/counts/waiting").asInt()).isEqualTo(1);
        assertThat(doc.at("/queue/0/state").asText()).isEqualTo("waiting");

        ServiceProcess once = harness.start("once", "--once", "--convert-schedule=" + schedule);
        assertThat(once.awaitExit(Duration.ofMinutes(2))).as("exit code; log: %s", once.log())
            .isEqualTo(AutoM4bCommand.EXIT_OK);
        assertThat(harness.converted().resolve("Night Book/Night Book.m4b")).isRegularFile();
        assertThat(state("Night Book")).isEqualTo(JobState.DONE);
    }

    private JobState state(String key) {
        return harness.store(store -> store.find(key).map(Job::state).orElse(null));
    }

    private static int listeningPort(ServiceProcess service) {
        return await().atMost(Duration.ofSeconds(90)).failFast("the service ended", () -> !service.isAlive())
            .until(() -> {
                Matcher m = LISTENING.matcher(service.log());
                return m.find() ? Integer.parseInt(m.group(1)) : 0;
            }, p -> p > 0);
    }

    private HttpResponse<String> send(int port, String method, String path, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10)).header("X-Api-Key", key)
            .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The value of automb_conversion_held{reason=...} in a scrape of /observe/metrics. */
    private double heldMetric(int port, String key, String reason) throws Exception {
        HttpResponse<String> scrape = send(port, "GET", "/observe/metrics", key);
        assertThat(scrape.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("(?m)^automb_conversion_held\\{[^}]*reason=\"" + reason + "\"[^}]*} (\\S+)$")
            .matcher(scrape.body());
        assertThat(m.find()).as("automb_conversion_held{reason=%s} in the scrape", reason).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** {@code --status} (and {@code more}) on the harness's folders, in-process. */
    private ChildServiceHarness.StatusRun status(String... more) {
        return harness.statusCommand(more);
    }
}
