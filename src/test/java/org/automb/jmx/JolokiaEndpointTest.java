package org.automb.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.automb.jobs.store.AuditEntry;
import org.automb.reliability.ChildServiceHarness;
import org.automb.reliability.ServiceProcess;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jolokia (JMX over HTTP) as Hawtio meets it: one real service in a child JVM on HTTP_PORT=0 (any free port), real
 * HTTP. Jolokia answers at /observe/jolokia on the port the service says it listens on (so Camel's management
 * server shares the one server), only with the API key, and its policy lets reads through and refuses Camel's own
 * operations.
 */
class JolokiaEndpointTest {

    private static final String API_KEY = "jmx-test-key-2b8e41";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("HTTP server listening on [^:\\s]+:(\\d+)");
    private static final String PROCESS_BOOK = "org.apache.camel:context=auto-m4b,type=routes,name=\"process-book\"";
    private static final String QUEUE = "org.automb:context=auto-m4b,type=Queue";
    private static final String JOBS = "org.automb:context=auto-m4b,type=Jobs";

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One answer of the service. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (status " + status + "): " + body, e);
            }
        }
    }

    @Test
    void routeStatisticsAreReadWithTheKeyAndCamelsOperationsAreRefused() throws Exception {
        harness.dropMp3Book(TestAudio.bundled(), "Book One", 2);
        dropBrokenBook("Broken Book");
        ServiceProcess service = harness.start("service", Map.of("API_KEY", API_KEY), "--http-host=127.0.0.1",
            "--http-port=0");
        int port = awaitPort(service);

        // the book converted: process-book's statistics count its exchange
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
            .failFast("the service ended", () -> !service.isAlive())
            .until(() -> readAttribute(port, PROCESS_BOOK, "ExchangesCompleted") >= 1);
        Answer read = read(port, PROCESS_BOOK, "ExchangesTotal", API_KEY);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("status").asInt()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("value").asLong()).isGreaterThanOrEqualTo(1);

        // the key as a query parameter, for clients that cannot set a header (Hawtio's connection URL)
        Answer version = send(port, "GET", "/observe/jolokia/version?apikey=" + API_KEY, null, null);
        assertThat(version.status()).as(version.body()).isEqualTo(200);
        assertThat(version.json().get("value").get("agent").asText()).isNotEmpty();

        // without the key, or with a wrong one: 401 from the service's guard, nothing from Jolokia
        Answer none = read(port, PROCESS_BOOK, "ExchangesTotal", null);
        assertThat(none.status()).as(none.body()).isEqualTo(401);
        assertThat(none.body()).doesNotContain("ExchangesTotal").doesNotContain("\"value\"");
        Answer wrong = send(port, "POST", "/observe/jolokia", "{\"type\":\"version\"}", "wrong-key");
        assertThat(wrong.status()).isEqualTo(401);
        Answer postNone = send(port, "POST", "/observe/jolokia", stopRoute(), null);
        assertThat(postNone.status()).isEqualTo(401);

        // the shipped policy: Camel's operations (stopping a route) are refused, the route keeps running
        Answer stop = send(port, "POST", "/observe/jolokia", stopRoute(), API_KEY);
        assertThat(stop.status()).as(stop.body()).isEqualTo(200); // Jolokia answers 200 with the error's status inside
        assertThat(stop.json().get("status").asInt()).as(stop.body()).isEqualTo(403);
        Answer state = read(port, PROCESS_BOOK, "State", API_KEY);
        assertThat(state.json().get("value").asText()).isEqualTo("Started");
        // and so is writing an attribute
        // the application's own operations are allowed: a failed book retried through Jolokia, audited as jmx
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
            .until(() -> jobState("Broken Book").equals("failed"));
        assertThat(readAttribute(port, QUEUE, "BooksInProgressCount")).isZero();
        Answer retry = send(port, "POST", "/observe/jolokia", "{\"type\":\"exec\",\"mbean\":\"" + JOBS
            + "\",\"operation\":\"retry\",\"arguments\":[\"Broken Book\"]}", API_KEY);
        assertThat(retry.json().get("status").asInt()).as(retry.body()).isEqualTo(200);
        assertThat(retry.json().get("value").asText()).startsWith("retry queued");
        List<AuditEntry> audit = harness.store(store -> store.audit().page(0, 10));
        assertThat(audit).anySatisfy(row -> {
            assertThat(row.actor()).isEqualTo("jmx");
            assertThat(row.action()).isEqualTo("retry");
            assertThat(row.key()).isEqualTo("Broken Book");
            assertThat(row.result()).isEqualTo("accepted");
        });
        Answer counts = read(port, QUEUE, "JobCounts", API_KEY);
        assertThat(counts.json().get("value").has("failed")).as(counts.body()).isTrue();

        Answer write = send(port, "POST", "/observe/jolokia", "{\"type\":\"write\",\"mbean\":\"" + PROCESS_BOOK.replace("\"", "\\\"")
            + "\",\"attribute\":\"TracingPattern\",\"value\":\"x\"}", API_KEY);
        assertThat(write.json().get("status").asInt()).as(write.body()).isEqualTo(403);
    }

    /** A book of random bytes named .mp3 that no decoder takes: it fails for good. */
    private void dropBrokenBook(String name) throws IOException {
        Path stage = Files.createDirectories(harness.staging().resolve(name));
        byte[] bytes = new byte[64 * 1024];
        new Random(17).nextBytes(bytes);
        Files.write(stage.resolve(name + ".mp3"), bytes);
        Files.move(stage, harness.inbox().resolve(name));
    }

    private String jobState(String key) {
        return harness.store(store -> store.find(key).map(job -> job.state().code()).orElse("none"));
    }

    private static String stopRoute() {
        return "{\"type\":\"exec\",\"mbean\":\"" + PROCESS_BOOK.replace("\"", "\\\"") + "\",\"operation\":\"stop()\"}";
    }

    private long readAttribute(int port, String mbean, String attribute) {
        Answer answer = read(port, mbean, attribute, API_KEY);
        JsonNode value = answer.status() == 200 ? answer.json().get("value") : null;
        return value == null || !value.isNumber() ? -1 : value.asLong();
    }

    /** The port from the service's "HTTP server listening on host:port" line. */
    private static int awaitPort(ServiceProcess service) {
        int[] port = new int[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
            .failFast("the service ended", () -> !service.isAlive())
            .until(() -> {
                Matcher matcher = LISTENING.matcher(service.log());
                if (matcher.find()) {
                    port[0] = Integer.parseInt(matcher.group(1));
                    return true;
                }
                return false;
            });
        return port[0];
    }

    /** Jolokia's read of one attribute (POST: the MBean's name has quotes a GET path would need encoded). */
    private Answer read(int port, String mbean, String attribute, String key) {
        return send(port, "POST", "/observe/jolokia", "{\"type\":\"read\",\"mbean\":\"" + mbean.replace("\"", "\\\"")
            + "\",\"attribute\":\"" + attribute + "\"}", key);
    }

    private Answer send(int port, String method, String path, String body, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("X-Api-Key", key);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
