package org.automb.tagging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.JobState;
import org.automb.metadata.AudibleSamples;
import org.automb.testing.M4bInspector.M4bFacts;
import org.automb.testing.PipelineTestSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tag stage through the real routes (TAG_MODE=sync), against a local server that answers as the Audible catalog
 * and Audnexus do: what a user sees in the delivered m4b (read back by ffprobe, an MP4 reader independent of the tag
 * writer, and Audiobookshelf's reading rules) and in intake.json; the book is never held back or lost.
 */
class TagStageTest extends PipelineTestSupport {

    static final String HAIL_MARY = "B08G9PRS1K";
    static final WireMockServer AUDIBLE = new WireMockServer(options().dynamicPort());
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startAudible() {
        AUDIBLE.start();
    }

    @AfterAll
    static void stopAudible() {
        AUDIBLE.stop();
    }

    @BeforeEach
    void freshAnswers() {
        AUDIBLE.resetAll();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("AUDIBLE_ENABLED", "Y", "AUDIBLE_API_URL", AUDIBLE.baseUrl(), "AUDNEXUS_URL", AUDIBLE.baseUrl(),
            "AUDIBLE_RATE", "50", "METADATA_TIMEOUT", "3", "TAG_MAX_RETRIES", "1", "TAG_RETRY_BASE_DELAY", "0.2");
    }

    /** The catalog's answer for Project Hail Mary, its cover, and Audnexus's chapters (Audible's edition: 16 h). */
    static byte[] serveHailMary(Path scratch) throws Exception {
        return serveHailMary(AUDIBLE, scratch);
    }

    static byte[] serveHailMary(WireMockServer audible, Path scratch) throws Exception {
        audible.stubFor(get(urlPathEqualTo("/1.0/catalog/products/" + HAIL_MARY))
            .willReturn(okJson(AudibleSamples.resource("product-project-hail-mary.json", audible.baseUrl()))));
        byte[] cover = Files.readAllBytes(AUDIO.image(scratch.resolve("cover-1024.jpg"), 240, 240));
        audible.stubFor(get(urlPathMatching("/images/I/.*_SL1024_\\.jpg"))
            .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(cover)));
        audible.stubFor(get(urlPathEqualTo("/books/" + HAIL_MARY + "/chapters"))
            .willReturn(okJson(AudibleSamples.resource("chapters-project-hail-mary.json", audible.baseUrl()))));
        return cover;
    }

    @Test
    void aBookWithItsAsinInTheFolderNameLeavesFullyTaggedFromAudible() throws Exception {
        byte[] cover = serveHailMary(root());
        NotifyBuilder done = booksDone(1);
        String key = "Andy Weir - Project Hail Mary [" + HAIL_MARY + "]";
        drop(key, folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("title", "Part One", "album", "PHM", "artist", "A. Weir"));
            AUDIO.mp3(folder.resolve("02.mp3"), 1.0, tags("title", "Part Two", "album", "PHM", "artist", "A. Weir"));
        });
        awaitBooks(done);

        Path output = converted().resolve(key + "/" + key + ".m4b");
        M4bFacts facts = INSPECT.inspect(output);
        // ffprobe's format tags (the inspector gives their names in lower case; freeform atoms by their bare name)
        assertThat(facts.tags())
            .containsEntry("title", "Project Hail Mary").containsEntry("album", "Project Hail Mary")
            .containsEntry("artist", "Andy Weir").containsEntry("album_artist", "Andy Weir")
            .containsEntry("composer", "Ray Porter").containsEntry("date", "2021")
            .containsEntry("media_type", "2").containsEntry("asin", HAIL_MARY).containsEntry("audible_asin", HAIL_MARY)
            .containsEntry("wwwaudiofile", "https://www.audible.com/pd/" + HAIL_MARY)
            .containsEntry("publisher", "Audible Studios").containsEntry("releasetime", "2021-05-04");
        assertThat(facts.tags().get("description")).startsWith("Winner of the 2022 Audie Award").doesNotContain("<");
        assertThat(facts.hasCover()).isTrue();
        assertThat(facts.chapterTitles()).as("Audnexus's 5 chapters fit neither the count nor the length: the book's own")
            .containsExactly("Part One", "Part Two");
        // an MP4 reader that is not the tag writer finds the atoms Apple's players read
        Map<String, List<IlstReader.Item>> atoms = IlstReader.read(output);
        assertThat(atoms).containsKeys("\u00a9nam", "\u00a9ART", "\u00a9wrt", "desc", "ldes", "\u00a9gen", "covr",
            "stik", "pgap", "----:com.apple.iTunes:ASIN");
        assertThat(atoms.get("covr").get(0).bytes()).isEqualTo(cover);
        AudiobookshelfRules.Book shelf = AudiobookshelfRules.read(facts.tags());
        assertThat(shelf.title()).isEqualTo("Project Hail Mary");
        assertThat(shelf.authors()).containsExactly("Andy Weir");
        assertThat(shelf.narrators()).containsExactly("Ray Porter");
        assertThat(shelf.asin()).isEqualTo(HAIL_MARY);

        JsonNode manifest = JSON.readTree(output.resolveSibling("intake.json").toFile());
        assertThat(manifest.path("state").asText()).isEqualTo("tagged");
        JsonNode tagging = manifest.path("tagging");
        assertThat(tagging.path("asin").asText()).isEqualTo(HAIL_MARY);
        assertThat(tagging.path("region").asText()).isEqualTo("us");
        assertThat(tagging.path("foundBy").asText()).isEqualTo("folder_name");
        assertThat(tagging.path("changes").findValuesAsText("field")).contains("\u00a9nam", "\u00a9ART", "covr");
        JsonNode title = null;
        for (JsonNode change : tagging.path("changes")) {
            if (change.path("field").asText().equals("\u00a9nam")) {
                title = change;
            }
        }
        assertThat(title).isNotNull();
        assertThat(title.path("old").asText()).isEqualTo("PHM");
        assertThat(title.path("new").asText()).isEqualTo("Project Hail Mary");
        assertThat(manifest.path("output").path("sha256").asText()).isEqualTo(org.automb.io.Sha256.of(output));
        assertThat(ledger().status(key)).isEqualTo(JobState.DONE);
        assertThat(filesUnder(inbox())).isEmpty();
    }

    @Test
    void aSearchTakesTheClearWinnerNotTheDecoyOfTheWrongLength() throws Exception {
        AUDIBLE.stubFor(get(urlPathEqualTo("/1.0/catalog/products")).willReturn(okJson(AudibleSamples.searchResponse(List.of(
            AudibleSamples.product("B0DECOY002", "The Quiet Harbour", "Mara Stone", "Ned Voice", 600),
            AudibleSamples.product("B0WINNER01", "The Quiet Harbour", "Mara Stone", "Ned Voice", 1,
                p -> p.putArray("series").addObject().put("asin", "B0SERIES01").put("title", "Harbour Tales")
                    .put("sequence", "1.5")))))));
        NotifyBuilder done = booksDone(1);
        drop("Mara Stone - The Quiet Harbour", folder ->
            AUDIO.mp3(folder.resolve("01.mp3"), 2.0, tags("album", "The Quiet Harbour", "artist", "Mara Stone")));
        awaitBooks(done);

        Path output = converted().resolve("Mara Stone - The Quiet Harbour/Mara Stone - The Quiet Harbour.m4b");
        Map<String, String> tags = INSPECT.inspect(output).tags();
        assertThat(tags).containsEntry("asin", "B0WINNER01").containsEntry("series", "Harbour Tales")
            .containsEntry("series-part", "1.5").containsEntry("grouping", "Harbour Tales #1.5");
        AudiobookshelfRules.Book shelf = AudiobookshelfRules.read(tags);
        assertThat(shelf.series()).isEqualTo("Harbour Tales");
        assertThat(shelf.sequence()).isEqualTo("1.5");
        JsonNode tagging = JSON.readTree(output.resolveSibling("intake.json").toFile()).path("tagging");
        assertThat(tagging.path("foundBy").asText()).isEqualTo("search");
        assertThat(tagging.path("candidates").findValuesAsText("asin")).containsExactly("B0WINNER01", "B0DECOY002");
    }

    @Test
    void noGoodMatchIsDeliveredWithItsOwnTagsAndMarkedForReview() throws Exception {
        AUDIBLE.stubFor(get(urlPathEqualTo("/1.0/catalog/products")).willReturn(okJson(AudibleSamples.searchResponse(
            List.of(AudibleSamples.product("B0OTHER001", "A Different Book Entirely", "Someone Else", "X", 700))))));
        NotifyBuilder done = booksDone(1);
        drop("Ida Obscure - Unlisted Memoir", folder ->
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("album", "Unlisted Memoir", "artist", "Ida Obscure")));
        awaitBooks(done);

        Path output = converted().resolve("Ida Obscure - Unlisted Memoir/Ida Obscure - Unlisted Memoir.m4b");
        assertThat(INSPECT.inspect(output).tags()).containsEntry("title", "Unlisted Memoir")
            .containsEntry("artist", "Ida Obscure").doesNotContainKey("asin");
        JsonNode manifest = JSON.readTree(output.resolveSibling("intake.json").toFile());
        assertThat(manifest.path("state").asText()).isEqualTo("needs_review");
        assertThat(manifest.path("tagging").path("candidates").findValuesAsText("asin")).containsExactly("B0OTHER001");
        assertThat(ledger().status("Ida Obscure - Unlisted Memoir")).isEqualTo(JobState.DONE);
    }

    @Test
    void aCatalogThatKeepsFailingNeverHoldsTheBookBack() throws Exception {
        AUDIBLE.stubFor(get(urlPathMatching("/1.0/catalog/products.*")).willReturn(aResponse().withStatus(503)));
        NotifyBuilder done = booksDone(1);
        String key = "Down Author - Down Title [B0DOWN0001]";
        drop(key, folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("album", "Down Title", "artist", "Down Author")));
        awaitBooks(done);

        Path output = converted().resolve(key + "/" + key + ".m4b");
        assertThat(output).as("delivered with its own tags").exists();
        assertThat(INSPECT.inspect(output).tags()).containsEntry("title", "Down Title");
        assertThat(filesUnder(archive().resolve(key))).containsExactly("01.mp3");
        // tried again after delivery, on the tag queue (TAG_MAX_RETRIES=1), then recorded as tag_failed
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
            JSON.readTree(output.resolveSibling("intake.json").toFile()).path("state").asText().equals("tag_failed"));
        JsonNode tagging = JSON.readTree(output.resolveSibling("intake.json").toFile()).path("tagging");
        assertThat(tagging.path("error").asText()).contains("503");
        assertThat(AUDIBLE.findAll(getRequestedFor(urlPathEqualTo("/1.0/catalog/products/B0DOWN0001"))))
            .as("the first try, then one retry on the queue").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aPassthroughM4bIsTaggedWithItsAudioUntouched() throws Exception {
        serveHailMary(root());
        NotifyBuilder done = booksDone(1);
        String key = "Ready Made {ASIN." + HAIL_MARY + "}";
        String[] audio = new String[1];
        drop(key, folder -> {
            Path m4b = AUDIO.aac(folder.resolve("book.m4b"), 2.0, 22050, 1, tags("album", "Ready Made"));
            audio[0] = INSPECT.audioPacketsMd5(m4b);
        });
        awaitBooks(done);

        Path output = converted().resolve(key + "/" + key + ".m4b");
        assertThat(INSPECT.inspect(output).tags()).containsEntry("title", "Project Hail Mary").containsEntry("asin", HAIL_MARY);
        assertThat(INSPECT.audioPacketsMd5(output)).isEqualTo(audio[0]);
        assertThat(JSON.readTree(output.resolveSibling("intake.json").toFile()).path("state").asText()).isEqualTo("tagged");
    }

    @Test
    void audnexusChaptersAreTakenWhenTheBookIsAudiblesEditionAndTheCacheSparesTheSecondLookup() throws Exception {
        String asin = "B0CHAPTERS";
        AUDIBLE.stubFor(get(urlPathEqualTo("/1.0/catalog/products/" + asin)).willReturn(okJson(
            AudibleSamples.productResponse(AudibleSamples.product(asin, "Three Parts", "Cy Author", "Di Narrator", 1)))));
        // three chapters of 2 s: 6 s, the book's own length
        AUDIBLE.stubFor(get(urlPathEqualTo("/books/" + asin + "/chapters"))
            .willReturn(okJson(AudibleSamples.chaptersResponse(asin, 3, 2000))));
        NotifyBuilder first = booksDone(1);
        drop("Three Parts [" + asin + "]", folder -> {
            AUDIO.mp3(folder.resolve("a.mp3"), 3.0, tags("title", "First Half"));
            AUDIO.mp3(folder.resolve("b.mp3"), 3.0, tags("title", "Second Half"));
        });
        awaitBooks(first);
        drop("Three Parts Again [" + asin + "]", folder -> AUDIO.mp3(folder.resolve("a.mp3"), 1.0, tags()));
        Awaitility.await().atMost(Duration.ofMinutes(3))
            .until(() -> ledger().status("Three Parts Again [" + asin + "]") == JobState.DONE);

        M4bFacts facts = INSPECT.inspect(converted().resolve("Three Parts [" + asin + "]/Three Parts [" + asin + "].m4b"));
        assertThat(facts.chapterTitles()).containsExactly("Chapter 1", "Chapter 2", "Chapter 3");
        assertThat(facts.chapters().get(1).start()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(AUDIBLE.findAll(getRequestedFor(urlPathEqualTo("/1.0/catalog/products/" + asin))))
            .as("the second book's lookup answered by the cache").hasSize(1);
    }

    @Test
    void aLooseFileIsNotGivenTheAsinOfAnotherBookInTheInbox() throws Exception {
        serveHailMary(root());
        // the folder book waits on the catalog, so it is still in the inbox while the loose file is tagged
        AUDIBLE.stubFor(get(urlPathEqualTo("/1.0/catalog/products/" + HAIL_MARY)).willReturn(okJson(
            AudibleSamples.resource("product-project-hail-mary.json", AUDIBLE.baseUrl())).withFixedDelay(2000)));
        AUDIBLE.stubFor(get(urlPathEqualTo("/1.0/catalog/products")).willReturn(okJson(AudibleSamples.searchResponse(
            List.of(AudibleSamples.product("B0WINNER01", "The Quiet Harbour", "Mara Stone", "Ned Voice", 1))))));
        NotifyBuilder done = booksDone(2);
        drop("Project Hail Mary [" + HAIL_MARY + "]", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags()));
        dropFile("The Quiet Harbour.mp3", file -> AUDIO.mp3(file, 1.0,
            tags("album", "The Quiet Harbour", "artist", "Mara Stone")));
        awaitBooks(done);

        assertThat(INSPECT.inspect(converted().resolve("The Quiet Harbour/The Quiet Harbour.m4b")).tags())
            .containsEntry("asin", "B0WINNER01");
    }
}
