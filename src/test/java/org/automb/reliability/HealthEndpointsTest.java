package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.automb.app.AutoM4bCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The service's HTTP server as a container probe meets it: real service in a child JVM, real HTTP requests on a
 * free port. {@code /health/ready} names every check and turns 503 when a folder goes, turns read-only (a tmpfs
 * mounted over it) or has too little free space (a 1 MB tmpfs); {@code /health/live} answers while the context runs;
 * a port in use ends the start with one line and exit code 5; {@code --once} and {@code --validate} open no port.
 */
class HealthEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void readyNamesEveryCheckAndTurns503WhenAFolderGoes() throws Exception {
        int port = freePort();
        ServiceProcess service = harness.start("service", "--http-port=" + port, "--http-host=127.0.0.1");

        Response ready = awaitReady(service, port);
        assertThat(ready.json().get("status").asText()).isEqualTo("UP");
        assertThat(checks(ready.json())).containsExactly(
            Map.entry("context", "UP"), Map.entry("folder-inbox", "UP"), Map.entry("folder-converted", "UP"),
            Map.entry("folder-archive", "UP"), Map.entry("folder-failed", "UP"), Map.entry("folder-working", "UP"),
            Map.entry("folder-config", "UP"), Map.entry("free-space", "UP"), Map.entry("encoder", "UP"),
            Map.entry("job-store", "UP"));

        Response live = get(port, "/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().get("status").asText()).isEqualTo("UP");
        assertThat(checks(live.json())).containsEntry("context", "UP");

        Files.delete(harness.archive());
        Response down = get(port, "/health/ready");
        assertThat(down.status()).as("ready without the archive folder; body: %s", down.body()).isEqualTo(503);
        assertThat(down.json().get("status").asText()).isEqualTo("DOWN");
        assertThat(checks(down.json())).containsEntry("folder-archive", "DOWN").containsEntry("folder-inbox", "UP")
            .containsEntry("job-store", "UP");
        assertThat(reason(down.json(), "folder-archive")).contains("ARCHIVE_FOLDER=" + harness.archive());
        assertThat(get(port, "/health/live").status()).as("a missing folder is no reason to restart").isEqualTo(200);

        Files.createDirectories(harness.archive());
        assertThat(get(port, "/health/ready").status()).as("ready again once the folder is back").isEqualTo(200);
        assertThat(service.isAlive()).isTrue();
    }

    @Test
    void tooLittleFreeSpaceAndAFolderTurnedReadOnlyAreDownByName() throws Exception {
        Files.createDirectories(harness.failed());
        try (Tmpfs small = Tmpfs.mount(1)) {
            Path working = Files.createDirectories(small.root().resolve("working"));
            int port = freePort();
            ServiceProcess service = harness.start("service", "--http-port=" + port, "--working-folder=" + working,
                "--min-free-space-mb=2");
            try {
                Response lowOnSpace = awaitAnswer(service, port);
                assertThat(lowOnSpace.status()).as("ready; body: %s", lowOnSpace.body()).isEqualTo(503);
                assertThat(checks(lowOnSpace.json())).containsEntry("free-space", "DOWN").containsEntry("folder-working", "UP")
                    .containsEntry("folder-failed", "UP").containsEntry("job-store", "UP");
                assertThat(reason(lowOnSpace.json(), "free-space")).contains("WORKING_FOLDER=" + working)
                    .contains("MIN_FREE_SPACE_MB=2");

                // the start refuses a read-only folder; one that turns read-only later shows here
                try (Tmpfs readOnly = Tmpfs.mountOn(harness.failed(), "ro,size=1m")) {
                    Response down = get(port, "/health/ready");
                    assertThat(checks(down.json())).containsEntry("folder-failed", "DOWN").containsEntry("folder-inbox", "UP");
                    assertThat(reason(down.json(), "folder-failed")).contains("FAILED_FOLDER=" + harness.failed() + " is not writable");
                }
                assertThat(get(port, "/health/live").status()).isEqualTo(200);
            } finally {
                service.kill(); // before the unmount: nothing may hold the tmpfs
            }
        }
    }

    @Test
    void aPortInUseIsOneLineAndExit5() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            ServiceProcess service = harness.start("service", "--http-port=" + taken.getLocalPort());

            assertThat(service.awaitExit(Duration.ofMinutes(1))).as("exit code; log: %s", service.log())
                .isEqualTo(AutoM4bCommand.EXIT_CANNOT_START);
            assertThat(service.log().lines()).filteredOn(l -> l.startsWith("auto-m4b cannot start: "))
                .singleElement().asString().startsWith("auto-m4b cannot start: HTTP_PORT=" + taken.getLocalPort() + " ");
            assertThat(service.log()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        }
    }

    @Test
    void onceAndValidateOpenNoPort() throws Exception {
        // the port is held: a mode that tried to listen on it would fail with exit code 5
        try (ServerSocket taken = new ServerSocket(0)) {
            ServiceProcess once = harness.start("once", "--once", "--http-port=" + taken.getLocalPort());
            ServiceProcess validate = harness.start("validate", "--validate", "--http-port=" + taken.getLocalPort());

            assertThat(once.awaitExit(Duration.ofMinutes(1))).as("--once; log: %s", once.log()).isEqualTo(AutoM4bCommand.EXIT_OK);
            assertThat(validate.awaitExit(Duration.ofMinutes(1))).as("--validate; log: %s", validate.log())
                .isEqualTo(AutoM4bCommand.EXIT_OK);
        }
    }

    private record Response(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    /** Name → status of every check, in the order the endpoint lists them. */
    private static Map<String, String> checks(JsonNode report) {
        Map<String, String> checks = new LinkedHashMap<>();
        report.get("checks").forEach(check -> checks.put(check.get("name").asText(), check.get("status").asText()));
        return checks;
    }

    private static String reason(JsonNode report, String name) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check.path("reason").asText();
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }

    /**
     * The first 200 of {@code /health/ready}: connections are refused while the service starts, and the endpoint may
     * answer 404 or 503 before its route and the context have started.
     */
    private Response awaitReady(ServiceProcess service, int port) {
        Response[] last = new Response[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
            .failFast("the service ended", () -> !service.isAlive())
            .alias("ready answers 200").until(() -> {
                try {
                    last[0] = get(port, "/health/ready");
                } catch (IOException e) {
                    return false;
                }
                return last[0].status() == 200;
            });
        return last[0];
    }

    /** The first answer of {@code /health/ready} once its route has started (anything but a refused connection or 404). */
    private Response awaitAnswer(ServiceProcess service, int port) {
        Response[] last = new Response[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
            .failFast("the service ended", () -> !service.isAlive())
            .alias("ready answers").until(() -> {
                try {
                    last[0] = get(port, "/health/ready");
                } catch (IOException e) {
                    return false;
                }
                return last[0].status() != 404 && last[0].json().path("checks").size() > 1;
            });
        return last[0];
    }

    private Response get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
