package org.automb.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.automb.reliability.ChildServiceHarness;
import org.automb.reliability.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * /observe/metrics on the real service in a child JVM: on the service's one HTTP port even when HTTP_PORT=0 (any free
 * port: the management server must not pick a second one), behind the API key like the API.
 */
class MetricsEndpointTest {

    private static final Pattern LISTENING = Pattern.compile("HTTP server listening on [^:]+:(\\d+)");

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

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
