package org.automb.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.automb.metadata.AudibleSamples;
import org.automb.reliability.ChildServiceHarness;
import org.automb.reliability.ServiceProcess;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * /observe/metrics on the real service in a child JVM, shared by the tests of this class: on the service's one HTTP
 * port even when HTTP_PORT=0 (any free port: the management server must not pick a second one), behind the API key
 * like the API; after two short books are converted and tagged (WireMock as Audible: one matched by the ASIN in its
 * folder name, one with no sure match), a strict text-format parse of the scrape has Camel's route metrics and the
 * application's own, whose totals are the API's status document's; and a real Prometheus scraping the service
 * answers every query of the shipped Grafana dashboard.
 */
class MetricsEndpointTest {

    private static final Pattern LISTENING = Pattern.compile("HTTP server listening on [^:]+:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Path DASHBOARD = Path.of("docs/grafana/auto-m4b.json");
    /** Project Hail Mary, whose catalog answers are the test resources under audible/. */
    private static final String TAGGED_BOOK = "Project Hail Mary [B08G9PRS1K]";
    private static final String REVIEW_BOOK = "Ida Obscure - Unlisted Memoir";

    @RegisterExtension
    static final ChildServiceHarness HARNESS = new ChildServiceHarness();
    private static final WireMockServer AUDIBLE = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    private static int port;
    private static String key;
    /** The scrape before any book. */
    private static String firstScrape;

    @BeforeAll
    static void convertTwoBooksOnARealService() throws Exception {
        AUDIBLE.start();
        serveCatalog();
        ServiceProcess service = HARNESS.start("service", Map.of("AUDIBLE_ENABLED", "Y",
                "AUDIBLE_API_URL", AUDIBLE.baseUrl(), "AUDNEXUS_URL", AUDIBLE.baseUrl(), "AUDNEXUS_CHAPTERS", "off"),
            "--http-port=0", "--http-host=127.0.0.1");
        port = await().atMost(Duration.ofSeconds(60)).until(() -> listeningPort(service), p -> p > 0);
        key = Files.readString(HARNESS.config().resolve("api-key")).strip();
        firstScrape = fetch("/observe/metrics", key).body();

        HARNESS.dropMp3Book(TestAudio.bundled(), TAGGED_BOOK, 4.0);
        HARNESS.dropMp3Book(TestAudio.bundled(), REVIEW_BOOK, 2.0);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
            .until(() -> JSON.readTree(fetch("/api/v1/status", key).body()).at("/totals/lifetime"),
                lifetime -> lifetime.path("converted").asInt() + lifetime.path("failed").asInt() == 2);
    }

    @AfterAll
    static void stopCatalog() {
        AUDIBLE.stop();
    }

    private static void serveCatalog() throws Exception {
        AUDIBLE.stubFor(get(urlPathEqualTo("/1.0/catalog/products/B08G9PRS1K"))
            .willReturn(okJson(AudibleSamples.resource("product-project-hail-mary.json", AUDIBLE.baseUrl()))));
        byte[] cover = Files.readAllBytes(TestAudio.bundled().image(HARNESS.staging().resolve("cover.jpg"), 240, 240));
        AUDIBLE.stubFor(get(urlPathMatching("/images/I/.*\\.jpg"))
            .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(cover)));
        // a search finds only another book: no sure match
        AUDIBLE.stubFor(get(urlPathEqualTo("/1.0/catalog/products")).willReturn(okJson(AudibleSamples.searchResponse(
            List.of(AudibleSamples.product("B0OTHER001", "A Different Book Entirely", "Someone Else", "X", 700))))));
    }

    @Test
    void metricsAnswerOnTheServicesOwnPortOnlyWithTheApiKey() throws Exception {
        HttpResponse<String> none = fetch("/observe/metrics", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("ApiKey"));
        assertThat(fetch("/observe/metrics", "wrong-" + key).statusCode()).isEqualTo(401);

        HttpResponse<String> scraped = fetch("/observe/metrics", key);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(scraped.body()).as("Camel's route metrics").contains("camel_exchanges_total");
        assertThat(fetch("/observe/metrics?apikey=" + key, null).statusCode()).as("the key as a query parameter")
            .isEqualTo(200);
        assertThat(fetch("/health/live", null).statusCode()).as("health stays open").isEqualTo(200);

        PrometheusText before = PrometheusText.parse(firstScrape);
        for (String outcome : new String[] {"converted", "passed_through", "failed", "tagged", "needs_review"}) {
            assertThat(before.value("automb_books_total", Map.of("outcome", outcome))).as(outcome).isZero();
        }
        assertThat(before.types()).containsEntry("automb_books_total", "counter")
            .containsEntry("automb_conversion_seconds", "histogram")
            .containsEntry("automb_conversion_speed_ratio", "histogram")
            .containsEntry("automb_audio_seconds_total", "counter").containsEntry("automb_audio_bytes_total", "counter")
            .containsEntry("automb_queue_books", "gauge").containsEntry("automb_retries_scheduled", "gauge")
            .containsEntry("automb_folder_free_bytes", "gauge");
    }

    @Test
    void theScrapesTotalsAreTheStatusDocuments() throws Exception {
        JsonNode status = JSON.readTree(fetch("/api/v1/status", key).body());
        JsonNode lifetime = status.at("/totals/lifetime");
        PrometheusText after = PrometheusText.parse(fetch("/observe/metrics", key).body());

        assertThat(lifetime.get("converted").asInt()).as("both books converted").isEqualTo(2);
        assertThat(lifetime.get("tagged").asInt()).as(TAGGED_BOOK).isEqualTo(1);
        assertThat(lifetime.get("needsReview").asInt()).as(REVIEW_BOOK).isEqualTo(1);
        Map<String, String> outcomes = Map.of("converted", "converted", "passed_through", "passedThrough",
            "failed", "failed", "tagged", "tagged", "needs_review", "needsReview");
        outcomes.forEach((outcome, field) -> assertThat(after.value("automb_books_total", Map.of("outcome", outcome)))
            .as(outcome).isEqualTo(lifetime.get(field).asDouble()));
        assertThat(after.value("automb_audio_seconds_total", Map.of()))
            .isCloseTo(lifetime.get("audioHours").asDouble() * 3600, within(1e-6))
            .isCloseTo(6.0, within(0.4));
        assertThat(after.value("automb_audio_bytes_total", Map.of())).isEqualTo(lifetime.get("audioBytes").asDouble())
            .isPositive();
        assertThat(after.value("automb_conversion_seconds_count", Map.of())).isEqualTo(2);
        assertThat(after.value("automb_conversion_seconds_sum", Map.of()))
            .isCloseTo(lifetime.get("averageSeconds").asDouble() * 2, within(0.002));
        assertThat(after.value("automb_conversion_seconds_bucket", Map.of("le", "+Inf"))).isEqualTo(2);
        assertThat(after.value("automb_conversion_speed_ratio_count", Map.of())).isEqualTo(2);
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
            .singleElement().satisfies(sample -> assertThat(sample.value()).isGreaterThanOrEqualTo(2));

        // every series the shipped Grafana dashboard queries is one the service exposes
        Set<String> queried = seriesNamed(Files.readString(DASHBOARD));
        assertThat(queried).hasSizeGreaterThan(10);
        // a notification counter appears with the first settled delivery: this service has no destinations
        assertThat(queried.remove("automb_notifications_total")).isTrue();
        assertThat(after.find("automb_notifications_total", Map.of())).isEmpty();
        assertThat(queried).allSatisfy(name -> assertThat(after.samples()).as(name)
            .anySatisfy(sample -> assertThat(sample.name()).isEqualTo(name)));
    }

    /**
     * Every panel query of docs/grafana/auto-m4b.json, its Grafana variables replaced as Grafana would (the data
     * source's scrape interval 1 s), run on a real Prometheus that scrapes this service: each is valid PromQL, and
     * each whose series the service exposes answers with at least one series.
     */
    @Test
    void everyGrafanaDashboardQueryAnswersOnARealPrometheus() throws Exception {
        Path prometheus = PrometheusServer.executable().orElse(null);
        Assumptions.assumeTrue(prometheus != null, "prometheus is not installed (Debian: apt-get install prometheus),"
            + " so the Grafana dashboard's queries are not run on a real Prometheus");
        Set<String> exposed = new TreeSet<>();
        PrometheusText.parse(fetch("/observe/metrics", key).body()).samples().forEach(s -> exposed.add(s.name()));
        // $__rate_interval is max(4 x scrape interval, $__interval + scrape interval): 4 s at 1 s; 10 s is safe on a
        // busy machine (two samples at least)
        Map<String, String> variables = Map.of("job", PrometheusServer.JOB, "__rate_interval", "10s",
            "__interval", "1s", "__range", "1h");

        try (PrometheusServer server = PrometheusServer.start(prometheus, HARNESS.root().resolve("prometheus"), port,
                key)) {
            await("Prometheus scraped the service a few times").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> server.query("count_over_time(up{job=\"" + PrometheusServer.JOB + "\"}[1m])")
                    .at("/data/result/0/value/1").asDouble() >= 3);
            assertThat(server.query("up{job=\"" + PrometheusServer.JOB + "\"}").at("/data/result/0/value/1").asText())
                .as("the scrape with the API key succeeds").withFailMessage(server::log).isEqualTo("1");
            assertThat(server.query("sum(automb_books_total{outcome=\"converted\"})").at("/data/result/0/value/1")
                .asText()).isEqualTo("2");

            List<GrafanaDashboard.Query> queries = GrafanaDashboard.read(DASHBOARD).queries();
            assertThat(queries).hasSizeGreaterThan(10);
            for (GrafanaDashboard.Query query : queries) {
                String promql = query.promql(variables);
                JsonNode answer = server.query(promql);
                String what = "panel '" + query.panel() + "' (" + query.refId() + "): " + promql;
                assertThat(answer.path("status").asText()).as(what + " -> " + answer).isEqualTo("success");
                if (exposed.containsAll(seriesNamed(promql))) {
                    assertThat(answer.at("/data/result")).as(what + ": a series").isNotEmpty();
                }
            }
            // the variable $job: label_values(automb_books_total, job)
            assertThat(GrafanaDashboard.read(DASHBOARD).variableDefinitions())
                .containsEntry("job", "label_values(automb_books_total, job)");
            assertThat(server.labelValues("job", "automb_books_total").path("data")).extracting(JsonNode::asText)
                .containsExactly(PrometheusServer.JOB);
        }
    }

    /** The automb_ and camel_ series named in {@code text}. */
    private static Set<String> seriesNamed(String text) {
        Matcher series = Pattern.compile("\\b(?:automb|camel)_[a-z_]+").matcher(text);
        Set<String> names = new TreeSet<>();
        while (series.find()) {
            names.add(series.group());
        }
        return names;
    }

    private static int listeningPort(ServiceProcess service) {
        Matcher m = LISTENING.matcher(service.log());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static HttpResponse<String> fetch(String path, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10)).GET();
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
