package org.automb.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.automb.reliability.ChildServiceHarness;
import org.automb.reliability.ServiceProcess;
import org.automb.testing.TestAudio;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * /observe/metrics on the real service in a child JVM: on the service's one HTTP port even when HTTP_PORT=0 (any free
 * port: the management server must not pick a second one), behind the API key like the API; after a short book is
 * converted, a strict text-format parse of the scrape has Camel's route metrics and the application's own, whose
 * totals are the API's status document's.
 */
class MetricsEndpointTest {

    private static final Pattern LISTENING = Pattern.compile("HTTP server listening on [^:]+:(\\d+)");

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void metricsAnswerOnTheServicesOwnPortOnlyWithTheApiKey() throws Exception {
        ServiceProcess service = harness.start("service", "--http-port=0", "--http-host=127.0.0.1");
        int port = await().atMost(Duration.ofSeconds(60)).until(() -> listeningPort(service), p -> p > 0);
        String key = Files.readString(harness.config().resolve("api-key")).strip();

        HttpResponse<String> none = get(port, "/observe/metrics", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("ApiKey"));
        assertThat(get(port, "/observe/metrics", "wrong-" + key).statusCode()).isEqualTo(401);

        HttpResponse<String> scraped = get(port, "/observe/metrics", key);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(scraped.body()).as("Camel's route metrics").contains("camel_exchanges_total");
        assertThat(get(port, "/observe/metrics?apikey=" + key, null).statusCode()).as("the key as a query parameter")
            .isEqualTo(200);
        assertThat(get(port, "/health/live", null).statusCode()).as("health stays open").isEqualTo(200);

        PrometheusText before = PrometheusText.parse(scraped.body());
        assertThat(before.value("automb_books_total", Map.of("outcome", "converted"))).isZero();
        assertThat(before.types()).containsEntry("automb_books_total", "counter")
            .containsEntry("automb_conversion_seconds", "histogram")
            .containsEntry("automb_conversion_speed_ratio", "histogram")
            .containsEntry("automb_audio_seconds_total", "counter").containsEntry("automb_audio_bytes_total", "counter")
            .containsEntry("automb_queue_books", "gauge").containsEntry("automb_retries_scheduled", "gauge")
            .containsEntry("automb_folder_free_bytes", "gauge");

        harness.dropMp3Book(TestAudio.bundled(), "Metrics Book", 4.0);
        JsonNode status = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
            .until(() -> JSON.readTree(get(port, "/api/v1/status", key).body()),
                s -> s.at("/totals/lifetime/converted").asInt() == 1);
        JsonNode lifetime = status.at("/totals/lifetime");
        PrometheusText after = PrometheusText.parse(get(port, "/observe/metrics", key).body());

        assertThat(after.value("automb_books_total", Map.of("outcome", "converted"))).isEqualTo(1);
        assertThat(after.value("automb_books_total", Map.of("outcome", "passed_through")))
            .isEqualTo(lifetime.get("passedThrough").asDouble());
        assertThat(after.value("automb_books_total", Map.of("outcome", "failed"))).isEqualTo(lifetime.get("failed").asDouble());
        assertThat(after.value("automb_audio_seconds_total", Map.of()))
            .isCloseTo(lifetime.get("audioHours").asDouble() * 3600, org.assertj.core.data.Offset.offset(1e-6))
            .isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.2));
        assertThat(after.value("automb_audio_bytes_total", Map.of())).isEqualTo(lifetime.get("audioBytes").asDouble())
            .isPositive();
        assertThat(after.value("automb_conversion_seconds_count", Map.of())).isEqualTo(1);
        assertThat(after.value("automb_conversion_seconds_sum", Map.of()))
            .isCloseTo(lifetime.get("averageSeconds").asDouble(), org.assertj.core.data.Offset.offset(0.001));
        assertThat(after.value("automb_conversion_seconds_bucket", Map.of("le", "+Inf"))).isEqualTo(1);
        assertThat(after.value("automb_conversion_speed_ratio_count", Map.of())).isEqualTo(1);
        for (String state : new String[] {"waiting", "pending", "converting", "tagging", "retry_scheduled"}) {
            assertThat(after.value("automb_queue_books", Map.of("state", state))).as(state)
                .isEqualTo(status.at("/counts/" + state).asDouble());
        }
        assertThat(after.value("automb_retries_scheduled", Map.of())).isEqualTo(status.at("/counts/retry_scheduled").asDouble());
        for (JsonNode folder : status.get("folders")) {
            assertThat(after.value("automb_folder_free_bytes", Map.of("folder", folder.get("setting").asText())))
                .as(folder.get("setting").asText()).isPositive();
        }
        assertThat(after.find("camel_exchanges_total", Map.of("routeId", "process-book"))).as("Camel's route metrics")
            .singleElement().satisfies(sample -> assertThat(sample.value()).isGreaterThanOrEqualTo(1));

        // every series the shipped Grafana dashboard queries is one the service exposes
        String dashboard = Files.readString(java.nio.file.Path.of("docs/grafana/auto-m4b.json"));
        Matcher series = Pattern.compile("\\b(?:automb|camel)_[a-z_]+").matcher(dashboard);
        java.util.Set<String> queried = new java.util.TreeSet<>();
        while (series.find()) {
            queried.add(series.group());
        }
        assertThat(queried).hasSizeGreaterThan(10);
        // a notification counter appears with the first settled delivery: this service has no destinations
        assertThat(queried.remove("automb_notifications_total")).isTrue();
        assertThat(after.find("automb_notifications_total", Map.of())).isEmpty();
        assertThat(queried).allSatisfy(name -> assertThat(after.samples()).as(name)
            .anySatisfy(sample -> assertThat(sample.name()).isEqualTo(name)));
    }

    private static int listeningPort(ServiceProcess service) {
        Matcher m = LISTENING.matcher(service.log());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private HttpResponse<String> get(int port, String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10)).GET();
        if (key != null) {
            request.header("X-Api-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
