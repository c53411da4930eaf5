package org.automb.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks through the real outbound route (camel-http) to a local stand-in of a webhook consumer. */
class WebhookDeliveryTest {

    private static final String BOOK = "/data/converted/Andy Weir/Project Hail Mary/Project Hail Mary.m4b";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WireMockServer server = new WireMockServer(options().dynamicPort());
    private static OutboundHarness harness;

    @BeforeAll
    static void start() throws Exception {
        server.start();
        harness = OutboundHarness.start(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        harness.close();
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private Destination webhook(String pathAndQuery) {
        return WebhookDestination.parse("http://127.0.0.1:" + server.port() + pathAndQuery, WebhookTestEvents.settings());
    }

    private static JsonNode onlyBody(List<LoggedRequest> requests) throws Exception {
        assertThat(requests).hasSize(1);
        return JSON.readTree(requests.get(0).getBodyAsString());
    }

    @Test
    void aConvertedBookIsPostedAsArrStyleJson() throws Exception {
        server.stubFor(post(urlEqualTo("/hooks/readarr-like?token=abc")).willReturn(aResponse().withStatus(200)));
        webhook("/hooks/readarr-like?token=abc&events=converted").deliver(WebhookTestEvents.converted(BOOK), harness.outbound());
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo("/hooks/readarr-like?token=abc"))
            .withHeader("Content-Type", matching("application/json.*")).withHeader("Authorization", absent()));
        JsonNode body = onlyBody(requests);
        assertThat(body.path("eventType").asText()).isEqualTo("BookConverted");
        assertThat(body.path("instanceName").asText()).isEqualTo("auto-m4b-attic");
        assertThat(body.path("book").path("title").asText()).isEqualTo("Project Hail Mary");
        assertThat(body.path("bookFile").path("path").asText()).isEqualTo(BOOK);
        assertThat(body.path("bookFile").path("size").asLong()).isEqualTo(463_470_592L);
        assertThat(body.path("source").path("folder").asText()).isEqualTo("/data/inbox/Andy Weir - Project Hail Mary");
        assertThat(body.has("error")).isFalse();
        assertThat(requests.get(0).getBodyAsString()).doesNotContain("null");
    }

    @Test
    void aFailedBookIsPutWithBasicAuthAndTheExtraHeaders() throws Exception {
        server.stubFor(put(urlEqualTo("/in")).willReturn(aResponse().withStatus(204)));
        Destination webhook = WebhookDestination.parse("http://hook:s%3Acret@127.0.0.1:" + server.port()
            + "/in?method=PUT&+X-Source=auto-m4b&+X-Api-Key=k3y-123", WebhookTestEvents.settings());
        webhook.deliver(WebhookTestEvents.failed(), harness.outbound());
        JsonNode body = onlyBody(server.findAll(putRequestedFor(urlEqualTo("/in"))
            .withBasicAuth(new BasicCredentials("hook", "s:cret"))
            .withHeader("X-Source", equalTo("auto-m4b")).withHeader("X-Api-Key", equalTo("k3y-123"))));
        assertThat(body.path("eventType").asText()).isEqualTo("BookFailed");
        assertThat(body.path("error").asText()).contains("Invalid data found");
        assertThat(body.has("bookFile")).isFalse();
        assertThat(webhook.label()).isEqualTo("PUT http://127.0.0.1:" + server.port() + "/***");
    }

    @Test
    void unauthorisedIsGivenUpAndUnavailableIsTriedAgainWhenTheServerSays() throws Exception {
        server.stubFor(post(urlEqualTo("/denied")).willReturn(aResponse().withStatus(401).withBody("bad key")));
        server.stubFor(post(urlEqualTo("/busy")).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30")));
        assertThatThrownBy(() -> webhook("/denied").deliver(WebhookTestEvents.test(), harness.outbound()))
            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                assertThat(failure.retryable()).isFalse();
                assertThat(failure.statusCode()).contains(401);
            });
        assertThatThrownBy(() -> webhook("/busy").deliver(WebhookTestEvents.test(), harness.outbound()))
            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                assertThat(failure.retryable()).isTrue();
                assertThat(failure.retryAfter()).contains(Duration.ofSeconds(30));
            });
        server.verify(2, postRequestedFor(anyUrl()).withRequestBody(matching(".*\"eventType\":\"Test\".*")));
    }
}
