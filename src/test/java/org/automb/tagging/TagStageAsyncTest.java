package org.automb.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.io.Sha256;
import org.automb.testing.PipelineTestSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TAG_MODE=async: the book is delivered at once with its sources' tags, then tagged in place on the tag queue;
 * intake.json then says so, with the output's new checksum.
 */
class TagStageAsyncTest extends PipelineTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WireMockServer AUDIBLE = new WireMockServer(
        com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort());

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
            "TAG_MODE", "async");
    }

    @Test
    void theBookIsDeliveredFirstAndTaggedAfterwardsInPlace() throws Exception {
        AUDIBLE.resetAll();
        TagStageTest.serveHailMary(AUDIBLE, root());
        NotifyBuilder done = booksDone(1);
        String key = "Project Hail Mary [" + TagStageTest.HAIL_MARY + "]";
        drop(key, folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("album", "PHM", "artist", "A. Weir")));
        awaitBooks(done);

        Path output = converted().resolve(key + "/" + key + ".m4b");
        Path manifest = output.resolveSibling("intake.json");
        Awaitility.await().atMost(Duration.ofSeconds(60))
            .until(() -> JSON.readTree(manifest.toFile()).path("state").asText().equals("tagged"));
        assertThat(INSPECT.inspect(output).tags()).containsEntry("title", "Project Hail Mary")
            .containsEntry("artist", "Andy Weir").containsEntry("asin", TagStageTest.HAIL_MARY);
        JsonNode written = JSON.readTree(manifest.toFile());
        assertThat(written.path("output").path("sha256").asText()).isEqualTo(Sha256.of(output));
        assertThat(written.path("tagging").path("foundBy").asText()).isEqualTo("folder_name");
        assertThat(filesUnder(inbox())).isEmpty();
    }
}
