package org.automb.tagging;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.metadata.AudibleSamples;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OUTPUT_NAMING=abs with a book matched before delivery: filed by its Audible author, series and part. */
class TagStageNamingTest extends PipelineTestSupport {

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
            "OUTPUT_NAMING", "abs");
    }

    @Test
    void aMatchedBookIsFiledUnderItsAuthorSeriesAndPart() throws Exception {
        AUDIBLE.stubFor(get(urlPathEqualTo("/1.0/catalog/products")).willReturn(okJson(AudibleSamples.searchResponse(
            List.of(AudibleSamples.product("B0WINNER01", "The Quiet Harbour", "Mara Stone", "Ned Voice", 1,
                p -> p.putArray("series").addObject().put("asin", "B0SERIES01").put("title", "Harbour Tales")
                    .put("sequence", "1.5")))))));
        NotifyBuilder done = booksDone(1);
        drop("harbour rip 2019", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 2.0,
            tags("album", "The Quiet Harbour", "artist", "Mara Stone")));
        awaitBooks(done);

        String folder = "Mara Stone/Harbour Tales/Vol 1.5 - The Quiet Harbour";
        assertThat(filesUnder(converted())).containsExactlyInAnyOrder(folder + "/Vol 1.5 - The Quiet Harbour.m4b",
            folder + "/intake.json");
        assertThat(INSPECT.inspect(converted().resolve(folder + "/Vol 1.5 - The Quiet Harbour.m4b")).tags())
            .containsEntry("asin", "B0WINNER01");
    }
}
