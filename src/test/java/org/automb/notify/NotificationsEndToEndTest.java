package org.automb.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.status.JobIds;
import org.automb.status.StatusJson;
import org.automb.status.StatusService;
import org.automb.testing.LogCapture;
import org.automb.testing.PipelineTestSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The book's events through the real routes to real destinations (WireMock): a converted book reaches a webhook and a
 * json:// URL with its data; a book that fails for good after a retry is announced once (no retry announcement
 * without NOTIFY_ON_RETRY); the secrets in the URLs (a webhook's password, a token in a NOTIFY_URLS path) appear in
 * no log line, no intake.json and no job JSON of the API.
 */
class NotificationsEndToEndTest extends PipelineTestSupport {

    private static final String PASSWORD = "pw-5ecret-9f1c";
    private static final String TOKEN = "tok-5ecret-77ab";
    private static final WireMockServer server = new WireMockServer(options().dynamicPort());

    private LogCapture log;

    @BeforeAll
    static void startServer() {
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void stubAndCapture() {
        server.resetAll();
        server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
        server.stubFor(post(urlEqualTo("/notify/" + TOKEN)).willReturn(aResponse().withStatus(200)));
        log = LogCapture.start();
    }

    @AfterEach
    void stopCapture() {
        log.close();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("MAX_RETRIES", "1", "RETRY_BASE_DELAY", "0.3",
            "WEBHOOK_URLS", "http://auto:" + PASSWORD + "@localhost:" + server.port() + "/hook",
            "NOTIFY_URLS", "json://localhost:" + server.port() + "/notify/" + TOKEN,
            "NOTIFY_RETRY_BASE_DELAY", "0.2");
    }

    @Test
    void aConvertedBookReachesTheWebhookAndTheJsonUrlWithItsData() throws Exception {
        NotifyBuilder done = booksDone(1);
        drop("Ancillary Justice", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0,
            tags("title", "Ancillary Justice", "artist", "Ann Leckie", "composer", "Celeste Ciulla")));
        awaitBooks(done);
        Path output = converted().resolve("Ancillary Justice/Ancillary Justice.m4b");

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            server.verify(1, postRequestedFor(urlEqualTo("/hook"))
                .withRequestBody(matchingJsonPath("$.eventType", equalTo("BookConverted")))
                .withRequestBody(matchingJsonPath("$.book.title", equalTo("Ancillary Justice")))
                .withRequestBody(matchingJsonPath("$.book.authors[0]", equalTo("Ann Leckie")))
                .withRequestBody(matchingJsonPath("$.bookFile.path", equalTo(output.toString()))));
            server.verify(1, postRequestedFor(urlPathEqualTo("/notify/" + TOKEN))
                .withRequestBody(matchingJsonPath("$.title", equalTo("Converted: Ancillary Justice")))
                .withRequestBody(matchingJsonPath("$.type", equalTo("success"))));
        });
        assertNoSecretAnywhere("Ancillary Justice", output.resolveSibling("intake.json"));
    }

    @Test
    void aBookFailingForGoodAfterARetryIsAnnouncedOnceAndItsRetryNot() throws Exception {
        // every attempt fails to create its scratch folder: the working folder is a plain file
        new org.automb.io.SafeMover().deleteTree(working());
        Files.writeString(working(), "not a folder");
        NotifyBuilder done = booksDone(1);
        drop("Doomed Book", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("title", "One")));
        awaitBooks(done);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> server.verify(1,
            postRequestedFor(urlEqualTo("/hook")).withRequestBody(matchingJsonPath("$.eventType", equalTo("BookFailed")))
                .withRequestBody(matchingJsonPath("$.error"))));
        assertThat(ledger().store().find("Doomed Book").orElseThrow().attempts()).as("it was retried").isEqualTo(2);
        // whatever is still to come would have come with the BookFailed: the retry was announced before it
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/hook")))).as("one request: BookFailed").hasSize(1);
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/notify/" + TOKEN)))).hasSize(1);
        assertNoSecretAnywhere("Doomed Book", null);
    }

    /** Neither secret in any log line, the book's intake.json, or its job as the API shows it. */
    private void assertNoSecretAnywhere(String key, Path manifest) throws Exception {
        assertThat(log.lines()).isNotEmpty().allSatisfy(line ->
            assertThat(line.message()).doesNotContain(PASSWORD).doesNotContain(TOKEN));
        if (manifest != null) {
            assertThat(Files.readString(manifest)).doesNotContain(PASSWORD).doesNotContain(TOKEN);
        }
        StatusService status = context.getRegistry().lookupByNameAndType("statusService", StatusService.class);
        // the deliveries are recorded once given up or sent: wait for them to show on the job, masked
        String[] job = new String[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            job[0] = StatusJson.mapper().writeValueAsString(status.job(JobIds.idOf(key)).orElseThrow());
            assertThat(job[0]).contains("\"deliveries\"", "localhost:" + server.port() + "/***");
        });
        assertThat(job[0]).contains(key).doesNotContain(PASSWORD).doesNotContain(TOKEN);
    }
}
