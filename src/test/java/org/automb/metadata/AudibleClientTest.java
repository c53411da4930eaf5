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
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AudibleClientTest {

    private static final String PRODUCT_PATH = "/1.0/catalog/products/B08G9PRS1K";

    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private AudibleClient client;

    @BeforeEach
    void start() {
        server.start();
        client = AudibleSamples.audible(server.baseUrl(), d -> { });
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aProductIsReadWithEveryFieldTheTagsNeed() {
        server.stubFor(get(urlPathEqualTo(PRODUCT_PATH))
            .willReturn(okJson(AudibleSamples.resource("product-project-hail-mary.json", server.baseUrl()))));

        AudibleProduct product = client.product("B08G9PRS1K", Region.US).orElseThrow();

        assertThat(product.region()).isEqualTo(Region.US);
        assertThat(product.asin()).isEqualTo("B08G9PRS1K");
        assertThat(product.title()).isEqualTo("Project Hail Mary");
        assertThat(product.subtitle()).isEqualTo("A Novel");
        assertThat(product.authors()).containsExactly("Andy Weir");
        assertThat(product.narrators()).containsExactly("Ray Porter");
        assertThat(product.publisher()).isEqualTo("Audible Studios");
        assertThat(product.summaryHtml()).startsWith("<p><b>Winner");
        assertThat(product.releaseDate()).isEqualTo("2021-05-04");
        assertThat(product.language()).isEqualTo("english");
        assertThat(product.runtimeMinutes()).isEqualTo(970);
        assertThat(product.copyright()).isEqualTo("©2021 Andy Weir (P)2021 Audible, Inc.");
        assertThat(product.isbn()).isEqualTo("9781603935470");
        assertThat(product.adult()).isFalse();
        assertThat(product.series()).isEmpty();
        assertThat(product.genres()).as("ladders' names, first ladder first, no repeats")
            .containsExactly("Science Fiction & Fantasy", "Science Fiction", "Hard Science Fiction", "Space Opera");
        assertThat(product.imageUrls()).containsOnlyKeys(500, 1024);
    }

    @Test
    void theProductRequestAsksForEveryResponseGroupAndBothImageSizes() {
        server.stubFor(get(urlPathEqualTo(PRODUCT_PATH))
            .willReturn(okJson(AudibleSamples.resource("product-project-hail-mary.json", server.baseUrl()))));

        client.product("B08G9PRS1K", Region.UK);

        server.verify(getRequestedFor(urlPathEqualTo(PRODUCT_PATH))
            .withQueryParam("response_groups", equalTo("category_ladders,contributors,media,product_attrs,"
                + "product_desc,product_details,product_extended_attrs,rating,series"))
            .withQueryParam("image_sizes", equalTo("500,1024")));
    }

    @Test
    void anUnknownAsinIsEmpty() {
        server.stubFor(get(urlPathEqualTo(PRODUCT_PATH)).willReturn(aResponse().withStatus(404)
            .withBody("{\"error_code\":\"000307\",\"message\":\"Requested product not found\"}")));

        assertThat(client.product("B08G9PRS1K", Region.US)).isEmpty();
    }

    @Test
    void aProductWithoutATitleIsEmpty() {
        server.stubFor(get(urlPathEqualTo(PRODUCT_PATH)).willReturn(okJson("{\"product\":{\"asin\":\"B08G9PRS1K\"}}")));

        assertThat(client.product("B08G9PRS1K", Region.DE)).isEmpty();
    }

    @Test
    void aFractionalSeriesPartIsKeptAsTheCatalogWritesIt() {
        server.stubFor(get(urlPathEqualTo("/1.0/catalog/products/B07BPXVKF9")).willReturn(okJson(
            AudibleSamples.productResponse(AudibleSamples.product("B07BPXVKF9", "Edgedancer", "Brandon Sanderson",
                "Kate Reading", 420, p -> p.putArray("series").addObject()
                    .put("asin", "B010XKCR92").put("title", "The Stormlight Archive").put("sequence", "2.5"))))));

        AudibleProduct product = client.product("B07BPXVKF9", Region.US).orElseThrow();

        assertThat(product.series()).containsExactly(
            new AudibleProduct.Series("B010XKCR92", "The Stormlight Archive", "2.5"));
    }

    @Test
    void anAdultTitleIsMarked() {
        server.stubFor(get(urlPathEqualTo("/1.0/catalog/products/B0ADULT001")).willReturn(okJson(
            AudibleSamples.productResponse(AudibleSamples.product("B0ADULT001", "Night Stories", "A. Writer",
                "A. Reader", 300, p -> p.put("is_adult_product", true))))));

        assertThat(client.product("B0ADULT001", Region.US)).map(AudibleProduct::adult).contains(true);
    }

    @Test
    void aSearchEncodesNonAsciiTitlesAndAuthorsAndReadsThemBack() {
        String body = AudibleSamples.searchResponse(List.of(
            AudibleSamples.product("3838789817", "Der Schwarm", "Frank Schätzing", "Frank Schätzing", 1002),
            AudibleSamples.product("B0JP000001", "ノルウェイの森", "村上春樹", "朗読者", 900)));
        server.stubFor(get(urlPathEqualTo("/1.0/catalog/products"))
            .withQueryParam("title", equalTo("Der Schwarm")).willReturn(okJson(body)));

        List<AudibleProduct> found = client.search("Der Schwarm", "Frank Schätzing", Region.DE);

        assertThat(found).extracting(AudibleProduct::title).containsExactly("Der Schwarm", "ノルウェイの森");
        assertThat(found.get(0).authors()).containsExactly("Frank Schätzing");
        assertThat(found.get(1).authors()).containsExactly("村上春樹");
        LoggedRequest request = server.findAll(getRequestedFor(urlPathEqualTo("/1.0/catalog/products"))).get(0);
        assertThat(request.getUrl()).contains("title=Der%20Schwarm").contains("author=Frank%20Sch%C3%A4tzing")
            .contains("num_results=10").contains("products_sort_by=Relevance");
    }

    @Test
    void aJapaneseAndAFrenchTitleAreSentEncoded() {
        server.stubFor(get(urlPathEqualTo("/1.0/catalog/products")).willReturn(okJson("{\"products\":[]}")));

        client.search("ノルウェイの森", "村上春樹", Region.JP);
        client.search("Les Misérables", "Victor Hugo", Region.FR);

        server.verify(getRequestedFor(urlPathEqualTo("/1.0/catalog/products"))
            .withQueryParam("title", equalTo("ノルウェイの森")).withQueryParam("author", equalTo("村上春樹")));
        server.verify(getRequestedFor(urlPathEqualTo("/1.0/catalog/products"))
            .withQueryParam("title", equalTo("Les Misérables")));
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/1.0/catalog/products"))))
            .allSatisfy(r -> assertThat(r.getUrl()).matches("[\\x21-\\x7e]+"));
    }

    @Test
    void aSearchWithoutAnAuthorLeavesItOut() {
        server.stubFor(get(urlPathEqualTo("/1.0/catalog/products")).willReturn(okJson("{\"products\":[]}")));

        assertThat(client.search("Project Hail Mary", "", Region.US)).isEmpty();

        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/1.0/catalog/products"))).get(0).getUrl())
            .doesNotContain("author=");
    }

    @Test
    void malformedJsonIsUnavailable() {
        server.stubFor(get(urlPathEqualTo(PRODUCT_PATH)).willReturn(ok("{\"product\": {\"asin\": ").withHeader(
            "Content-Type", "application/json")));
        server.stubFor(get(urlPathEqualTo("/1.0/catalog/products")).willReturn(ok("<html>busy</html>")));

        assertThatThrownBy(() -> client.product("B08G9PRS1K", Region.US))
            .isInstanceOf(MetadataUnavailableException.class).hasMessageContaining("B08G9PRS1K");
        assertThatThrownBy(() -> client.search("x", "y", Region.US)).isInstanceOf(MetadataUnavailableException.class);
    }

    @Test
    void aServerErrorIsUnavailable() {
        server.stubFor(get(urlPathEqualTo(PRODUCT_PATH)).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> client.product("B08G9PRS1K", Region.US)).isInstanceOf(MetadataUnavailableException.class);
    }

    @Test
    void theCoverIsTheLargestImage() {
        server.stubFor(get(urlPathEqualTo(PRODUCT_PATH))
            .willReturn(okJson(AudibleSamples.resource("product-project-hail-mary.json", server.baseUrl()))));
        server.stubFor(get("/images/I/51b6GuQy7DL._SL1024_.jpg").willReturn(ok().withBody(new byte[] {1, 2, 3, 4})));
        server.stubFor(get("/images/I/51b6GuQy7DL._SL500_.jpg").willReturn(ok().withBody(new byte[] {9})));

        byte[] cover = client.cover(client.product("B08G9PRS1K", Region.US).orElseThrow()).orElseThrow();

        assertThat(cover).containsExactly(1, 2, 3, 4);
    }

    @Test
    void theServicesOwnWiringAsksTheOverriddenHostForEveryRegion() {
        server.stubFor(get(urlPathEqualTo(PRODUCT_PATH))
            .willReturn(okJson(AudibleSamples.resource("product-project-hail-mary.json", server.baseUrl()))));
        AudibleClient wired = AudibleClient.create(AudibleSamples.USER_AGENT, java.time.Duration.ofSeconds(5), 2,
            server.baseUrl(), AudibleSamples.JSON);

        assertThat(wired.product("B08G9PRS1K", Region.AU)).map(AudibleProduct::region).contains(Region.AU);
        assertThat(AudnexusClient.create(AudibleSamples.USER_AGENT, java.time.Duration.ofSeconds(5), server.baseUrl(),
            AudibleSamples.JSON).chapters("B0NONE0001", Region.AU)).isEmpty();
        server.verify(getRequestedFor(urlPathEqualTo(PRODUCT_PATH)).withHeader("User-Agent",
            equalTo(AudibleSamples.USER_AGENT)));
    }

    @Test
    void oneBaseUrlOverridesEveryRegionAndNoneKeepsTheirOwn() {
        assertThat(AudibleClient.baseUrls("http://localhost:1234")).hasSize(Region.values().length)
            .allSatisfy((region, url) -> assertThat(url).isEqualTo("http://localhost:1234"));
        Map<Region, String> own = AudibleClient.baseUrls("");
        assertThat(own).containsEntry(Region.UK, "https://api.audible.co.uk").containsEntry(Region.JP,
            "https://api.audible.co.jp");
    }
}
