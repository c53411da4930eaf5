package org.automb.metadata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AudnexusClientTest {

    private static final String CHAPTERS_PATH = "/books/B08G9PRS1K/chapters";

    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private AudnexusClient client;

    @BeforeEach
    void start() {
        server.start();
        client = AudibleSamples.audnexus(server.baseUrl() + "/", d -> { });
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void chaptersAreReadWithTheirTimesAndTheEditionsLength() {
        server.stubFor(get(urlPathEqualTo(CHAPTERS_PATH)).withQueryParam("region", equalTo("uk"))
            .willReturn(okJson(AudibleSamples.resource("chapters-project-hail-mary.json", ""))));

        AudnexusChapters chapters = client.chapters("B08G9PRS1K", Region.UK).orElseThrow();

        assertThat(chapters.asin()).isEqualTo("B08G9PRS1K");
        assertThat(chapters.accurate()).isTrue();
        assertThat(chapters.runtimeLengthMs()).isEqualTo(58_265_862L);
        assertThat(chapters.chapters()).hasSize(5).first()
            .isEqualTo(new AudnexusChapters.Entry("Opening Credits", 0, 21_064));
        assertThat(chapters.chapters().get(1)).isEqualTo(new AudnexusChapters.Entry("Chapter 1", 21_064, 1_814_735));
        server.verify(getRequestedFor(urlPathEqualTo(CHAPTERS_PATH))
            .withHeader("User-Agent", equalTo(AudibleSamples.USER_AGENT)));
    }

    @Test
    void noChaptersIsEmpty() {
        server.stubFor(get(urlPathEqualTo(CHAPTERS_PATH)).willReturn(aResponse().withStatus(404)
            .withBody("{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"Chapters not found\"}}")));

        assertThat(client.chapters("B08G9PRS1K", Region.US)).isEmpty();
    }

    @Test
    void malformedOrFailedAnswersAreUnavailable() {
        server.stubFor(get(urlPathEqualTo(CHAPTERS_PATH)).willReturn(ok("{\"asin\":\"B08G9PRS1K\"}")));
        server.stubFor(get(urlPathEqualTo("/books/B00B5HZGUG/chapters")).willReturn(aResponse().withStatus(502)));
        server.stubFor(get(urlPathEqualTo("/books/B0BROKEN01/chapters")).willReturn(ok("not json")));

        assertThatThrownBy(() -> client.chapters("B08G9PRS1K", Region.US)).isInstanceOf(MetadataUnavailableException.class);
        assertThatThrownBy(() -> client.chapters("B00B5HZGUG", Region.US)).isInstanceOf(MetadataUnavailableException.class);
        assertThatThrownBy(() -> client.chapters("B0BROKEN01", Region.US)).isInstanceOf(MetadataUnavailableException.class);
    }
}
