package org.automb.metadata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PoliteHttpTest {

    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private URI uri(String path) {
        return URI.create(server.baseUrl() + path);
    }

    /** Notes the waits and does not wait. */
    private PoliteHttp noting() {
        return AudibleSamples.http("Audible", Duration.ofSeconds(5), waits::add);
    }

    @Test
    void everyRequestNamesTheApplicationAndItsVersion() {
        server.stubFor(get("/x").willReturn(ok("{}")));

        noting().get(uri("/x"), "x");

        server.verify(getRequestedFor(urlEqualTo("/x"))
            .withHeader("User-Agent", equalTo("auto-m4b/9.8.7 (+https://example.org/auto-m4b)")));
    }

    @Test
    void notFoundIsEmpty() {
        server.stubFor(get("/x").willReturn(aResponse().withStatus(404).withBody("{\"message\":\"not found\"}")));

        assertThat(noting().get(uri("/x"), "x")).isEmpty();
    }

    @Test
    void tooManyRequestsIsWaitedOutForAsLongAsRetryAfterSaysThenTriedAgain() {
        server.stubFor(get("/x").inScenario("busy").whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("calm"));
        server.stubFor(get("/x").inScenario("busy").whenScenarioStateIs("calm").willReturn(ok("{\"ok\":true}")));
        PoliteHttp http = AudibleSamples.http("Audible", Duration.ofSeconds(5), Sleeper.real());

        long start = System.nanoTime();
        byte[] body = http.get(uri("/x"), "x").orElseThrow();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(990));
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        server.verify(2, getRequestedFor(urlEqualTo("/x")));
    }

    @Test
    void tooManyRequestsWithoutEndGivesUpAfterAFewTries() {
        server.stubFor(get("/x").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

        assertThatThrownBy(() -> noting().get(uri("/x"), "product B08G9PRS1K (us)"))
            .isInstanceOf(MetadataUnavailableException.class)
            .hasMessageContaining("429").hasMessageContaining("B08G9PRS1K");
        assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7), Duration.ofSeconds(7));
        server.verify(4, getRequestedFor(urlEqualTo("/x")));
    }

    @Test
    void retryAfterAsADateIsMeasuredFromNowAndCapped() {
        PoliteHttp http = noting();
        Instant now = Instant.parse("2026-01-01T10:00:00Z");

        assertThat(http.retryAfter("Thu, 01 Jan 2026 10:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(http.retryAfter("Thu, 01 Jan 2026 09:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(http.retryAfter("3600", now)).isEqualTo(Duration.ofSeconds(120));
        assertThat(http.retryAfter("soon", now)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aServerErrorIsUnavailable() {
        server.stubFor(get("/x").willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> noting().get(uri("/x"), "x"))
            .isInstanceOf(MetadataUnavailableException.class).hasMessageContaining("503");
    }

    @Test
    void aSlowAnswerBeyondTheTimeoutIsUnavailable() {
        server.stubFor(get("/x").willReturn(ok("{}").withFixedDelay(3_000)));
        PoliteHttp http = AudibleSamples.http("Audible", Duration.ofMillis(500), waits::add);

        long start = System.nanoTime();
        assertThatThrownBy(() -> http.get(uri("/x"), "x"))
            .isInstanceOf(MetadataUnavailableException.class).hasMessageContaining("500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void aBodyThatTricklesInBeyondTheTimeoutIsUnavailable() {
        server.stubFor(get("/x").willReturn(ok("{\"products\": [], \"total_results\": 0}").withChunkedDribbleDelay(10, 3_000)));
        PoliteHttp http = AudibleSamples.http("Audible", Duration.ofMillis(500), waits::add);

        long start = System.nanoTime();
        assertThatThrownBy(() -> http.get(uri("/x"), "x"))
            .isInstanceOf(MetadataUnavailableException.class).hasMessageContaining("500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void aServerThatIsNotThereIsUnavailable() {
        PoliteHttp http = noting();
        URI closed = uri("/x");
        server.stop();

        assertThatThrownBy(() -> http.get(closed, "x")).isInstanceOf(MetadataUnavailableException.class);
    }

    @Test
    void threeCallsAtTwoPerSecondTakeAtLeastASecond() {
        server.stubFor(get("/x").willReturn(ok("{}")));
        PoliteHttp http = new PoliteHttp("Audible", PoliteHttp.Options.of(AudibleSamples.USER_AGENT, Duration.ofSeconds(5)),
            RateLimiter.perSecond(2, Sleeper.real()), Sleeper.real(), Clock.systemUTC());

        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            http.get(uri("/x"), "x");
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(990));
        server.verify(3, getRequestedFor(urlEqualTo("/x")));
    }
}
