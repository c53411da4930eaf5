package org.automb.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The outbound HTTP route sends what a destination prepared, exactly, and brings any answer back. */
class CamelOutboundTest {

    private static final WireMockServer server = new WireMockServer(options().dynamicPort());
    private static OutboundHarness harness;

    @BeforeAll
    static void start() throws Exception {
        server.start();
        harness = OutboundHarness.start(Duration.ofSeconds(1));
    }

    @AfterAll
    static void stop() {
        harness.close();
        server.stop();
    }

    private URI at(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void postsJsonWithItsHeadersAndReturnsTheAnswer() throws Exception {
        server.stubFor(post(urlEqualTo("/hook/abc?x=1")).willReturn(aResponse().withStatus(201)
            .withHeader("X-Reply", "yes").withBody("{\"ok\":true}")));
        HttpReply reply = harness.outbound().send(OutboundRequest.postJson(at("/hook/abc?x=1"),
            Map.of("Authorization", "Bearer s3cret"), "{\"title\":\"Dune — Ürsula\"}"));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("x-reply")).contains("yes");
        assertThat(reply.body()).isEqualTo("{\"ok\":true}");
        server.verify(postRequestedFor(urlEqualTo("/hook/abc?x=1"))
            .withHeader("Authorization", equalTo("Bearer s3cret"))
            .withHeader("Content-Type", matching("application/json(; charset=UTF-8)?"))
            .withRequestBody(equalToJson("{\"title\":\"Dune — Ürsula\"}")));
    }

    @Test
    void getsWithoutABodyAndReturnsErrorsAsAnswers() throws Exception {
        server.stubFor(get(urlEqualTo("/busy")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        HttpReply reply = harness.outbound().send(new OutboundRequest("GET", at("/busy"), Map.of(), null, null));
        assertThat(reply.status()).isEqualTo(429);
        assertThatThrownBy(reply::requireSuccess).isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
            assertThat(failure.retryable()).isTrue();
            assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
        });
        server.verify(getRequestedFor(urlEqualTo("/busy")));
    }

    @Test
    void noAnswerIsARetryableFailureThatDoesNotRepeatTheUrl() {
        server.stubFor(get(urlEqualTo("/slow/token123")).willReturn(aResponse().withFixedDelay(5000)));
        assertThatThrownBy(() -> harness.outbound().send(new OutboundRequest("GET", at("/slow/token123"), Map.of(), null, null)))
            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                assertThat(failure.retryable()).isTrue();
                assertThat(failure.getMessage()).doesNotContain("token123");
            });
    }
}
