package org.automb.metadata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.automb.jobs.store.JobStore;
import org.automb.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lookup through real clients, a real SQLite cache and a local server in the services' shapes. */
class MetadataLookupTest {

    private static final long MINUTE = 60_000;
    private static final long HAIL_MARY_MS = 970 * MINUTE + 17_000;
    private static final String PRODUCTS = "/1.0/catalog/products";
    private static final String HAIL_MARY = PRODUCTS + "/B08G9PRS1K";
    private static final String HAIL_MARY_CHAPTERS = "/audnexus/books/B08G9PRS1K/chapters";

    @TempDir
    Path inbox;
    @TempDir
    Path config;

    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T08:00:00Z"));
    private JobStore store;

    @BeforeEach
    void start() {
        server.start();
        store = JobStore.open(JobStore.defaultUrl(config), clock);
        server.stubFor(get(urlPathEqualTo(HAIL_MARY))
            .willReturn(okJson(AudibleSamples.resource("product-project-hail-mary.json", server.baseUrl()))));
        server.stubFor(get(urlPathEqualTo(HAIL_MARY_CHAPTERS))
            .willReturn(okJson(AudibleSamples.resource("chapters-project-hail-mary.json", ""))));
        server.stubFor(get(urlPathEqualTo(PRODUCTS)).withQueryParam("title", equalTo("Project Hail Mary"))
            .willReturn(okJson(AudibleSamples.resource("search-project-hail-mary.json", server.baseUrl()))));
    }

    @AfterEach
    void stop() {
        store.close();
        server.stop();
    }

    private MetadataLookup lookup(boolean audnexusChapters) {
        return new MetadataLookup(new AsinHints(AudibleSamples.JSON), AudibleSamples.audible(server.baseUrl(), d -> { }),
            AudibleSamples.audnexus(server.baseUrl() + "/audnexus", d -> { }),
            new MetadataCache(store.metadataCache(), MetadataCache.DEFAULT_TTL, clock), new MatchScorer(),
            new MetadataLookup.Options(Region.US, MetadataLookup.DEFAULT_THRESHOLD, audnexusChapters));
    }

    private MetadataLookup lookup() {
        return lookup(true);
    }

    private Path book(String name) throws IOException {
        return Files.createDirectories(inbox.resolve(name));
    }

    @Test
    void theAsinInTheFolderNameGivesTheProductAndItsChaptersWithoutASearch() throws IOException {
        Path book = book("Andy Weir - Project Hail Mary [B08G9PRS1K]");

        MetadataMatch match = lookup().lookup(LookupRequest.of(book, Map.of(), HAIL_MARY_MS));

        assertThat(match.status()).isEqualTo(MetadataMatch.Status.MATCHED);
        assertThat(match.asin()).contains("B08G9PRS1K");
        assertThat(match.region()).isEqualTo(Region.US);
        assertThat(match.score()).isEqualTo(1.0);
        assertThat(match.foundBy()).isEqualTo("folder_name");
        assertThat(match.product()).map(AudibleProduct::title).contains("Project Hail Mary");
        assertThat(match.candidates()).isEmpty();
        assertThat(match.chapters()).map(c -> c.chapters().size()).contains(5);
        assertThat(match.notes()).isEmpty();
        server.verify(0, getRequestedFor(urlPathEqualTo(PRODUCTS)));
        server.verify(getRequestedFor(urlPathEqualTo(HAIL_MARY_CHAPTERS)).withQueryParam("region", equalTo("us")));
    }

    @Test
    void everyKindOfHintLeadsToTheProduct() throws IOException {
        Path braces = book("Project Hail Mary {ASIN.B08G9PRS1K}");
        Path asinTxt = book("Project Hail Mary (asin.txt)");
        Files.writeString(asinTxt.resolve("asin.txt"), "B08G9PRS1K\n");
        Path metadataJson = book("Project Hail Mary (abs)");
        Files.writeString(metadataJson.resolve("metadata.json"), "{\"title\":\"Project Hail Mary\",\"asin\":\"B08G9PRS1K\"}");
        Path opf = book("Project Hail Mary (opf)");
        Files.writeString(opf.resolve("metadata.opf"), """
            <package xmlns="http://www.idpf.org/2007/opf" version="2.0"><metadata
              xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
              <dc:identifier opf:scheme="ASIN">B08G9PRS1K</dc:identifier></metadata></package>
            """);
        Path tagged = book("Project Hail Mary (tagged)");
        MetadataLookup lookup = lookup(false);

        assertThat(List.of(
                lookup.lookup(LookupRequest.of(braces, Map.of(), HAIL_MARY_MS)),
                lookup.lookup(LookupRequest.of(asinTxt, Map.of(), HAIL_MARY_MS)),
                lookup.lookup(LookupRequest.of(metadataJson, Map.of(), HAIL_MARY_MS)),
                lookup.lookup(LookupRequest.of(opf, Map.of(), HAIL_MARY_MS)),
                lookup.lookup(LookupRequest.of(tagged, Map.of("AUDIBLE_ASIN", "B08G9PRS1K"), HAIL_MARY_MS))))
            .allSatisfy(match -> assertThat(match.asin()).contains("B08G9PRS1K"))
            .extracting(MetadataMatch::foundBy)
            .containsExactly("folder_name", "asin_txt", "metadata_json", "opf", "tag");
        server.verify(0, getRequestedFor(urlPathEqualTo(PRODUCTS)));
        server.verify(1, getRequestedFor(urlPathEqualTo(HAIL_MARY)));
    }

    @Test
    void theUsersAsinAndRegionComeFirst() throws IOException {
        server.stubFor(get(urlPathEqualTo(PRODUCTS + "/B00B5HZGUG")).willReturn(okJson(AudibleSamples.productResponse(
            AudibleSamples.product("B00B5HZGUG", "The Martian", "Andy Weir", "R. C. Bray", 653)))));
        Path book = book("Andy Weir - Project Hail Mary [B08G9PRS1K]");

        MetadataMatch match = lookup(false).lookup(LookupRequest.of(book, Map.of(), HAIL_MARY_MS)
            .withAsin(" b00b5hzgug").withRegion(Region.UK));

        assertThat(match.asin()).contains("B00B5HZGUG");
        assertThat(match.foundBy()).isEqualTo("user");
        assertThat(match.region()).isEqualTo(Region.UK);
        assertThat(match.product()).map(AudibleProduct::region).contains(Region.UK);
        assertThatThrownBy(() -> lookup().lookup(LookupRequest.of(book, Map.of(), 0).withAsin("B0BAD")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("B0BAD");
    }

    @Test
    void aHintTheCatalogDoesNotKnowFallsBackToTheSearch() throws IOException {
        server.stubFor(get(urlPathEqualTo(PRODUCTS + "/B0GONE0001")).willReturn(aResponse().withStatus(404)));
        Path book = book("Andy Weir - Project Hail Mary [B0GONE0001]");

        MetadataMatch match = lookup().lookup(LookupRequest.of(book, Map.of(), HAIL_MARY_MS));

        assertThat(match.status()).isEqualTo(MetadataMatch.Status.MATCHED);
        assertThat(match.asin()).contains("B08G9PRS1K");
        assertThat(match.foundBy()).isEqualTo("search");
        assertThat(match.notes()).singleElement().asString().contains("B0GONE0001").contains("folder_name");
    }

    @Test
    void theSearchTakesTheRightEditionNotTheDecoyWithTheWrongRuntime() throws IOException {
        Path book = book("Andy Weir - Project Hail Mary (2021) (Unabridged)");

        MetadataMatch match = lookup().lookup(LookupRequest.of(book, Map.of(), HAIL_MARY_MS));

        assertThat(match.status()).isEqualTo(MetadataMatch.Status.MATCHED);
        assertThat(match.asin()).contains("B08G9PRS1K");
        assertThat(match.foundBy()).isEqualTo(MetadataMatch.SEARCH);
        assertThat(match.score()).isGreaterThan(0.95);
        assertThat(match.candidates()).extracting(c -> c.product().asin())
            .containsExactly("B08G9PRS1K", "B0DECOY001", "B00B5HZGUG");
        assertThat(match.candidates().get(1).score()).isLessThan(MetadataLookup.DEFAULT_THRESHOLD);
        assertThat(match.chapters()).isPresent();
        server.verify(getRequestedFor(urlPathEqualTo(PRODUCTS))
            .withQueryParam("title", equalTo("Project Hail Mary")).withQueryParam("author", equalTo("Andy Weir")));
    }

    @Test
    void withoutAGoodResultTheBookNeedsReviewWithTheCandidatesListed() throws IOException {
        server.stubFor(get(urlPathEqualTo(PRODUCTS)).withQueryParam("title", equalTo("The Quiet Orchard"))
            .willReturn(okJson(AudibleSamples.resource("search-project-hail-mary.json", server.baseUrl()))));
        Path book = book("Mira Okafor - The Quiet Orchard");

        MetadataMatch match = lookup().lookup(LookupRequest.of(book, Map.of(), 420 * MINUTE));

        assertThat(match.status()).isEqualTo(MetadataMatch.Status.NEEDS_REVIEW);
        assertThat(match.asin()).isEmpty();
        assertThat(match.product()).isEmpty();
        assertThat(match.chapters()).isEmpty();
        assertThat(match.candidates()).hasSize(3).allSatisfy(c -> assertThat(c.score()).isLessThan(0.7));
        assertThat(match.score()).isEqualTo(match.candidates().get(0).score());
        assertThat(match.notes()).singleElement().asString().contains("below the threshold");
        server.verify(0, getRequestedFor(urlPathMatching("/audnexus/.*")));
    }

    @Test
    void noResultsIsNoMatch() throws IOException {
        server.stubFor(get(urlPathEqualTo(PRODUCTS)).withQueryParam("title", equalTo("Nothing Like It"))
            .willReturn(okJson("{\"products\":[],\"total_results\":0}")));

        MetadataMatch match = lookup().lookup(LookupRequest.of(book("Nothing Like It"), Map.of(), 60 * MINUTE));

        assertThat(match.status()).isEqualTo(MetadataMatch.Status.NO_MATCH);
        assertThat(match.candidates()).isEmpty();
        assertThat(match.foundBy()).isEmpty();
    }

    @Test
    void aFractionalSeriesPartAndAnAdultTitleComeThrough() throws IOException {
        server.stubFor(get(urlPathEqualTo(PRODUCTS + "/B0SERIES15")).willReturn(okJson(AudibleSamples.productResponse(
            AudibleSamples.product("B0SERIES15", "Between the Books", "A. Writer", "A. Reader", 240, p -> {
                p.put("is_adult_product", true);
                p.putArray("series").addObject().put("asin", "B0SAGA0001").put("title", "The Saga").put("sequence", "1.5");
            })))));

        MetadataMatch match = lookup(false).lookup(
            LookupRequest.of(book("Between the Books [B0SERIES15]"), Map.of(), 240 * MINUTE));

        AudibleProduct product = match.product().orElseThrow();
        assertThat(product.series()).containsExactly(new AudibleProduct.Series("B0SAGA0001", "The Saga", "1.5"));
        assertThat(product.adult()).isTrue();
    }

    @Test
    void nonAsciiTitlesAreSearchedEncodedAndComeBackIntact() throws IOException {
        server.stubFor(get(urlPathEqualTo(PRODUCTS)).withQueryParam("title", equalTo("Der Schwarm"))
            .withQueryParam("author", equalTo("Frank Schätzing"))
            .willReturn(okJson(AudibleSamples.searchResponse(List.of(
                AudibleSamples.product("B004UVE7VA", "Der Schwarm", "Frank Schätzing", "Andrea Sawatzki", 1002))))));
        server.stubFor(get(urlPathEqualTo(PRODUCTS)).withQueryParam("title", equalTo("Les Misérables"))
            .willReturn(okJson(AudibleSamples.searchResponse(List.of(
                AudibleSamples.product("B0FR000001", "Les Misérables", "Victor Hugo", "François Montagut", 3600))))));
        server.stubFor(get(urlPathEqualTo(PRODUCTS)).withQueryParam("title", equalTo("ノルウェイの森"))
            .willReturn(okJson(AudibleSamples.searchResponse(List.of(
                AudibleSamples.product("B0JP000001", "ノルウェイの森", "村上春樹", "妻夫木聡", 900))))));
        MetadataLookup lookup = lookup(false);

        MetadataMatch german = lookup.lookup(LookupRequest.of(book("Frank Schätzing - Der Schwarm"), Map.of(),
            1002 * MINUTE).withRegion(Region.DE));
        MetadataMatch french = lookup.lookup(LookupRequest.of(book("Les Miserables"),
            Map.of("album", "Les Misérables", "artist", "Victor Hugo"), 3600 * MINUTE).withRegion(Region.FR));
        MetadataMatch japanese = lookup.lookup(LookupRequest.of(book("村上春樹 - ノルウェイの森"), Map.of(), 900 * MINUTE)
            .withRegion(Region.JP));

        assertThat(german.product()).map(AudibleProduct::authors).contains(List.of("Frank Schätzing"));
        assertThat(french.product()).map(AudibleProduct::title).contains("Les Misérables");
        assertThat(french.product()).map(AudibleProduct::narrators).contains(List.of("François Montagut"));
        assertThat(japanese.product()).map(AudibleProduct::title).contains("ノルウェイの森");
        assertThat(List.of(german, french, japanese)).allSatisfy(m -> assertThat(m.matched()).isTrue());
    }

    @Test
    void aSecondLookupIsAnsweredFromTheCacheWithoutAnyRequest() throws IOException {
        Path hinted = book("Project Hail Mary [B08G9PRS1K]");
        Path searched = book("Andy Weir - Project Hail Mary");
        MetadataMatch first = lookup().lookup(LookupRequest.of(hinted, Map.of(), HAIL_MARY_MS));
        lookup().lookup(LookupRequest.of(searched, Map.of(), HAIL_MARY_MS));
        server.resetRequests();

        MetadataMatch again = lookup().lookup(LookupRequest.of(hinted, Map.of(), HAIL_MARY_MS));
        MetadataMatch searchedAgain = lookup().lookup(LookupRequest.of(searched, Map.of(), HAIL_MARY_MS));

        server.verify(0, anyRequestedFor(anyUrl()));
        assertThat(again).isEqualTo(first);
        assertThat(searchedAgain.asin()).contains("B08G9PRS1K");
    }

    @Test
    void anExpiredEntryIsFetchedAgain() throws IOException {
        Path book = book("Project Hail Mary [B08G9PRS1K]");
        lookup().lookup(LookupRequest.of(book, Map.of(), HAIL_MARY_MS));
        clock.advance(MetadataCache.DEFAULT_TTL.plus(Duration.ofMinutes(1)));

        lookup().lookup(LookupRequest.of(book, Map.of(), HAIL_MARY_MS));

        server.verify(2, getRequestedFor(urlPathEqualTo(HAIL_MARY)));
        server.verify(2, getRequestedFor(urlPathEqualTo(HAIL_MARY_CHAPTERS)));
    }

    @Test
    void aRefreshBypassesTheCache() throws IOException {
        Path book = book("Project Hail Mary [B08G9PRS1K]");
        lookup().lookup(LookupRequest.of(book, Map.of(), HAIL_MARY_MS));

        lookup().lookup(LookupRequest.of(book, Map.of(), HAIL_MARY_MS).withRefresh(true));
        lookup().lookup(LookupRequest.of(book, Map.of(), HAIL_MARY_MS));

        server.verify(2, getRequestedFor(urlPathEqualTo(HAIL_MARY)));
    }

    @Test
    void audnexusIsNotAskedWhenItsChaptersAreOff() throws IOException {
        MetadataMatch match = lookup(false).lookup(
            LookupRequest.of(book("Project Hail Mary [B08G9PRS1K]"), Map.of(), HAIL_MARY_MS));

        assertThat(match.matched()).isTrue();
        assertThat(match.chapters()).isEmpty();
        server.verify(0, getRequestedFor(urlPathMatching("/audnexus/.*")));
    }

    @Test
    void audnexusBeingDownCostsTheChaptersOnly() throws IOException {
        server.stubFor(get(urlPathEqualTo(HAIL_MARY_CHAPTERS)).willReturn(aResponse().withStatus(503)));

        MetadataMatch match = lookup().lookup(
            LookupRequest.of(book("Project Hail Mary [B08G9PRS1K]"), Map.of(), HAIL_MARY_MS));

        assertThat(match.matched()).isTrue();
        assertThat(match.chapters()).isEmpty();
        assertThat(match.notes()).singleElement().asString().contains("Audnexus").contains("503");
    }

    @Test
    void theCatalogBeingDownIsUnavailableAndNothingIsKept() throws IOException {
        server.stubFor(get(urlPathEqualTo(HAIL_MARY)).willReturn(aResponse().withStatus(500)));
        Path book = book("Project Hail Mary [B08G9PRS1K]");

        assertThatThrownBy(() -> lookup().lookup(LookupRequest.of(book, Map.of(), HAIL_MARY_MS)))
            .isInstanceOf(MetadataUnavailableException.class);
        server.stubFor(get(urlPathEqualTo(HAIL_MARY))
            .willReturn(okJson(AudibleSamples.resource("product-project-hail-mary.json", server.baseUrl()))));

        assertThat(lookup().lookup(LookupRequest.of(book, Map.of(), HAIL_MARY_MS)).matched()).isTrue();
        server.verify(2, getRequestedFor(urlPathEqualTo(HAIL_MARY)));
    }
}
