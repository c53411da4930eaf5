package org.automb.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.testing.PipelineTestSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** NOTIFY_ON_RETRY=Y through the real routes: each retry of a failing book is announced, and its failure once. */
class NotifyOnRetryEndToEndTest extends PipelineTestSupport {

    private static final WireMockServer server = new WireMockServer(options().dynamicPort());

    @BeforeAll
    static void startServer() {
        server.start();
        server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("MAX_RETRIES", "1", "RETRY_BASE_DELAY", "0.3", "NOTIFY_ON_RETRY", "Y",
            "WEBHOOK_URLS", "http://localhost:" + server.port() + "/hook");
    }

    @Test
    void theRetryIsAnnouncedAndTheFailureOnce() throws Exception {
        new org.automb.io.SafeMover().deleteTree(working());
        Files.writeString(working(), "not a folder");
        NotifyBuilder done = booksDone(1);
        drop("Doomed Book", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("title", "One")));
        awaitBooks(done);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> server.verify(1,
            postRequestedFor(urlEqualTo("/hook")).withRequestBody(matchingJsonPath("$.eventType", equalTo("BookFailed")))));
        server.verify(1, postRequestedFor(urlEqualTo("/hook"))
            .withRequestBody(matchingJsonPath("$.eventType", equalTo("BookRetryScheduled"))));
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(2);
    }
}
