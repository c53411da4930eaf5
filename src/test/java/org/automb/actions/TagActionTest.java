package org.automb.actions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.JobState;
import org.automb.metadata.AudibleSamples;
import org.automb.status.JobIds;
import org.automb.testing.PipelineTestSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tag action on a delivered book that Audible's search did not match: given the ASIN, the book is matched to
 * that product and tagged in place on the tag queue, like {@code --tag PATH --asin X}; WireMock stands in for Audible.
 */
class TagActionTest extends PipelineTestSupport {

    private static final String HAIL_MARY = "B08G9PRS1K";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WireMockServer AUDIBLE = new WireMockServer(options().dynamicPort());

    @BeforeAll
    static void startAudible() {
        AUDIBLE.start();
    }

    @AfterAll
    static void stopAudible() {
        AUDIBLE.stop();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("AUDIBLE_ENABLED", "Y", "AUDIBLE_API_URL", AUDIBLE.baseUrl(), "AUDNEXUS_URL", AUDIBLE.baseUrl(),
            "AUDIBLE_RATE", "50", "METADATA_TIMEOUT", "3", "TAG_MAX_RETRIES", "1", "TAG_RETRY_BASE_DELAY", "0.2");
    }

    @Test
    void aDeliveredBookIsTaggedWithTheAsinTheUserGives() throws Exception {
        AUDIBLE.resetAll();
        // the search finds nothing: the book is delivered with its own tags
        AUDIBLE.stubFor(get(urlPathEqualTo("/1.0/catalog/products"))
            .willReturn(okJson("{\"products\": [], \"total_results\": 0}")));
        AUDIBLE.stubFor(get(urlPathEqualTo("/1.0/catalog/products/" + HAIL_MARY))
            .willReturn(okJson(AudibleSamples.resource("product-project-hail-mary.json", AUDIBLE.baseUrl()))));
        byte[] cover = Files.readAllBytes(AUDIO.image(staging().resolve("cover.jpg"), 240, 240));
        AUDIBLE.stubFor(get(urlPathMatching("/images/I/.*_SL1024_\\.jpg"))
            .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(cover)));
        AUDIBLE.stubFor(get(urlPathEqualTo("/books/" + HAIL_MARY + "/chapters"))
            .willReturn(okJson(AudibleSamples.resource("chapters-project-hail-mary.json", AUDIBLE.baseUrl()))));
        NotifyBuilder done = booksDone(1);
        drop("Some Listening", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("album", "Some Listening")));
        awaitBooks(done);
        Path output = converted().resolve("Some Listening/Some Listening.m4b");
        assertThat(INSPECT.inspect(output).tags()).doesNotContainKey("asin");

        ActionResult result = context.getRegistry().lookupByNameAndType("jobActions", JobActions.class)
            .tag(JobIds.idOf("Some Listening"), "tester", new TagRequest(HAIL_MARY.toLowerCase(), "US"));

        assertThat(result.message()).isEqualTo("tagging queued");
        assertThat(result.job().state()).isEqualTo("done");
        Path manifest = output.resolveSibling("intake.json");
        Awaitility.await().atMost(Duration.ofSeconds(60))
            .until(() -> JSON.readTree(manifest.toFile()).path("state").asText().equals("tagged"));
        assertThat(INSPECT.inspect(output).tags()).containsEntry("title", "Project Hail Mary")
            .containsEntry("asin", HAIL_MARY);
        assertThat(ledger().status("Some Listening")).isEqualTo(JobState.DONE);
        assertThat(ledger().store().audit().of("Some Listening")).singleElement().satisfies(row -> {
            assertThat(row.action()).isEqualTo("tag");
            assertThat(row.result()).isEqualTo("accepted");
            assertThat(row.detail()).isEqualTo("asin=" + HAIL_MARY + " region=us");
        });
    }
}
