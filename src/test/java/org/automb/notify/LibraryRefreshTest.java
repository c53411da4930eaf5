package org.automb.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.automb.config.NotifySettings;
import org.automb.config.NotifySettings.LibraryServer;
import org.automb.config.NotifySettings.PathMapping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Library refresh through the real outbound route (camel-http) to local stand-ins of Audiobookshelf, Plex, Jellyfin
 * and Emby, with their documented requests and answers.
 */
class LibraryRefreshTest {

    /** Where this service delivered the book; the servers see /data/converted as /audiobooks. */
    private static final String BOOK = "/data/converted/Andy Weir/Project Hail Mary/Project Hail Mary.m4b";
    private static final String MAPPED = "/audiobooks/Andy Weir/Project Hail Mary/Project Hail Mary.m4b";
    private static final List<PathMapping> MAP = List.of(new PathMapping("/data/converted", "/audiobooks"));
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.s3cr3t-token";

    private static final WireMockServer server = new WireMockServer(options().dynamicPort());
    private static OutboundHarness harness;

    @BeforeAll
    static void start() throws Exception {
        server.start();
        harness = OutboundHarness.start(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        harness.close();
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private String base(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private Destination abs(String libraryId, List<PathMapping> map) {
        return only(WebhookTestEvents.settings(Optional.of(new LibraryServer(base(""), TOKEN, libraryId)),
            Optional.empty(), Optional.empty(), map));
    }

    private Destination plex(String sectionId) {
        return only(WebhookTestEvents.settings(Optional.empty(), Optional.of(new LibraryServer(base(""), TOKEN, sectionId)),
            Optional.empty(), MAP));
    }

    private Destination jellyfin(String basePath) {
        return only(WebhookTestEvents.settings(Optional.empty(), Optional.empty(),
            Optional.of(new LibraryServer(base(basePath), TOKEN, "")), MAP));
    }

    private static Destination only(NotifySettings settings) {
        List<Destination> destinations = LibraryRefresh.destinations(settings);
        assertThat(destinations).hasSize(1);
        return destinations.get(0);
    }

    private static void absVersion(String version) {
        server.stubFor(get(urlEqualTo("/status")).willReturn(okJson(
            "{\"app\":\"audiobookshelf\",\"serverVersion\":\"" + version + "\",\"isInit\":true,\"language\":\"en-us\"}")));
    }

    /** Two libraries: /audiobooks2 must not catch a book under /audiobooks. */
    private static void absLibraries() {
        server.stubFor(get(urlEqualTo("/api/libraries")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .willReturn(okJson("""
                {"libraries":[
                  {"id":"lib_podcasts","name":"Podcasts","mediaType":"podcast","folders":[{"id":"fol_1","fullPath":"/audiobooks2","libraryId":"lib_podcasts"}]},
                  {"id":"lib_books","name":"Audiobooks","mediaType":"book","folders":[{"id":"fol_2","fullPath":"/audiobooks","libraryId":"lib_books"}]}
                ]}""")));
    }

    private static int requestCount() {
        return server.findAll(RequestPatternBuilder.allRequests()).size();
    }

    @Test
    void settingsGiveOneDestinationPerServerInOrderEachWantingOnlyBooksThatLand() {
        List<Destination> all = LibraryRefresh.destinations(WebhookTestEvents.settings(
            Optional.of(new LibraryServer("http://abs:13378", TOKEN, "")),
            Optional.of(new LibraryServer("http://plex:32400", TOKEN, "")),
            Optional.of(new LibraryServer("http://jellyfin:8096", TOKEN, "")), List.of()));
        assertThat(all).extracting(Destination::kind).containsExactly("audiobookshelf", "plex", "jellyfin");
        assertThat(all).extracting(Destination::label)
            .containsExactly("http://abs:13378/***", "http://plex:32400/***", "http://jellyfin:8096/***");
        for (Destination destination : all) {
            assertThat(EnumSet.allOf(EventType.class).stream().filter(destination::wants))
                .containsExactlyInAnyOrder(EventType.BOOK_CONVERTED, EventType.BOOK_TAGGED, EventType.TEST);
            assertThat(destination.secrets()).containsExactly(TOKEN);
        }
        assertThat(LibraryRefresh.destinations(WebhookTestEvents.settings())).isEmpty();
    }

    @Test
    void audiobookshelfWithItsLibraryIdGetsAWatcherUpdateOfTheMappedPath() throws Exception {
        absVersion("2.17.2");
        server.stubFor(post(urlEqualTo("/api/watcher/update")).willReturn(aResponse().withStatus(200).withBody("OK")));
        abs("lib_given", MAP).deliver(WebhookTestEvents.converted(BOOK), harness.outbound());
        server.verify(postRequestedFor(urlEqualTo("/api/watcher/update"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withRequestBody(equalToJson("{\"libraryId\":\"lib_given\",\"path\":\"" + MAPPED + "\",\"type\":\"add\"}")));
        server.verify(0, getRequestedFor(urlEqualTo("/api/libraries")));
    }

    @Test
    void audiobookshelfFindsTheLibraryByItsFolderOnceForManyBooks() throws Exception {
        absVersion("2.5.0");
        absLibraries();
        server.stubFor(post(urlEqualTo("/api/watcher/update")).willReturn(aResponse().withStatus(200)));
        Destination abs = abs("", MAP);
        abs.deliver(WebhookTestEvents.converted(BOOK), harness.outbound());
        abs.deliver(WebhookTestEvents.tagged(BOOK), harness.outbound());
        server.verify(2, postRequestedFor(urlEqualTo("/api/watcher/update"))
            .withRequestBody(equalToJson("{\"libraryId\":\"lib_books\",\"path\":\"" + MAPPED + "\",\"type\":\"add\"}")));
        server.verify(1, getRequestedFor(urlEqualTo("/api/libraries")));
        server.verify(1, getRequestedFor(urlEqualTo("/status")));
    }

    @Test
    void anOldAudiobookshelfScansTheLibraryInstead() throws Exception {
        absVersion("2.4.4");
        absLibraries();
        server.stubFor(post(urlEqualTo("/api/libraries/lib_books/scan")).willReturn(aResponse().withStatus(200)));
        abs("", MAP).deliver(WebhookTestEvents.converted(BOOK), harness.outbound());
        server.verify(postRequestedFor(urlEqualTo("/api/libraries/lib_books/scan"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        server.verify(0, postRequestedFor(urlEqualTo("/api/watcher/update")));
    }

    @Test
    void anAudiobookshelfThatDoesNotSayItsVersionAndHasNoWatcherRouteIsScanned() throws Exception {
        server.stubFor(get(urlEqualTo("/status")).willReturn(aResponse().withStatus(404)));
        server.stubFor(post(urlEqualTo("/api/watcher/update")).willReturn(aResponse().withStatus(404)));
        server.stubFor(post(urlEqualTo("/api/libraries/lib_given/scan")).willReturn(aResponse().withStatus(200)));
        Destination abs = abs("lib_given", MAP);
        abs.deliver(WebhookTestEvents.converted(BOOK), harness.outbound());
        abs.deliver(WebhookTestEvents.converted(BOOK), harness.outbound());
        server.verify(1, postRequestedFor(urlEqualTo("/api/watcher/update")));
        server.verify(2, postRequestedFor(urlEqualTo("/api/libraries/lib_given/scan")));
    }

    @Test
    void aBookInNoAudiobookshelfFolderIsGivenUpSayingWhereItIsAndWhereTheyAre() {
        absVersion("2.17.2");
        absLibraries();
        // without LIBRARY_PATH_MAP the server is asked about /data/converted/..., which none of its folders holds
        assertThatThrownBy(() -> abs("", List.of()).deliver(WebhookTestEvents.converted(BOOK), harness.outbound()))
            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                assertThat(failure.retryable()).isFalse();
                assertThat(failure.getMessage()).contains(BOOK).contains("/audiobooks2").contains("/audiobooks")
                    .contains("LIBRARY_PATH_MAP").doesNotContain(TOKEN);
            });
        server.verify(0, postRequestedFor(urlPathEqualTo("/api/watcher/update")));
    }

    @Test
    void audiobookshelfTestReadsTheLibrariesWithTheToken() throws Exception {
        absLibraries();
        abs("", MAP).deliver(WebhookTestEvents.test(), harness.outbound());
        server.verify(1, getRequestedFor(urlEqualTo("/api/libraries")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        assertThatThrownBy(() -> abs("lib_gone", MAP).deliver(WebhookTestEvents.test(), harness.outbound()))
            .hasMessageContaining("ABS_LIBRARY_ID lib_gone").hasMessageContaining("lib_books");
        assertThat(requestCount()).isEqualTo(2);
    }

    @Test
    void aWrongAudiobookshelfTokenIsGivenUpAtOnce() {
        server.stubFor(get(urlEqualTo("/api/libraries")).willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
        assertThatThrownBy(() -> abs("", MAP).deliver(WebhookTestEvents.test(), harness.outbound()))
            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                assertThat(failure.retryable()).isFalse();
                assertThat(failure.statusCode()).contains(401);
                assertThat(failure.getMessage()).startsWith("GET /api/libraries: HTTP 401");
            });
    }

    @Test
    void plexWithItsSectionIdScansTheBooksFolderUrlEncoded() throws Exception {
        String refresh = "/library/sections/7/refresh?path=%2Faudiobooks%2FAndy%20Weir%2FProject%20Hail%20Mary";
        server.stubFor(get(urlEqualTo(refresh)).willReturn(aResponse().withStatus(200)));
        plex("7").deliver(WebhookTestEvents.converted(BOOK), harness.outbound());
        server.verify(getRequestedFor(urlEqualTo(refresh)).withHeader("X-Plex-Token", equalTo(TOKEN))
            .withQueryParam("path", equalTo("/audiobooks/Andy Weir/Project Hail Mary")));
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void plexFindsTheSectionByItsLocation() throws Exception {
        server.stubFor(get(urlEqualTo("/library/sections")).withHeader("Accept", equalTo("application/json"))
            .withHeader("X-Plex-Token", equalTo(TOKEN)).willReturn(okJson("""
                {"MediaContainer":{"size":2,"allowSync":false,"title1":"Plex Library","Directory":[
                  {"allowSync":true,"art":"/:/resources/movie-fanart.jpg","key":"1","type":"movie","title":"Movies","agent":"tv.plex.agents.movie","scanner":"Plex Movie","language":"en-US","Location":[{"id":1,"path":"/audiobooks-old"}]},
                  {"allowSync":true,"key":"3","type":"artist","title":"Audiobooks","agent":"tv.plex.agents.music","scanner":"Plex Music","language":"en-US","Location":[{"id":4,"path":"/media/music"},{"id":5,"path":"/audiobooks"}]}
                ]}}""")));
        server.stubFor(get(urlPathEqualTo("/library/sections/3/refresh")).willReturn(aResponse().withStatus(200)));
        plex("").deliver(WebhookTestEvents.converted(BOOK), harness.outbound());
        server.verify(getRequestedFor(urlPathEqualTo("/library/sections/3/refresh"))
            .withQueryParam("path", equalTo("/audiobooks/Andy Weir/Project Hail Mary")));
    }

    @Test
    void plexTestListsTheSections() throws Exception {
        server.stubFor(get(urlEqualTo("/library/sections")).willReturn(okJson("{\"MediaContainer\":{\"Directory\":[]}}")));
        plex("").deliver(WebhookTestEvents.test(), harness.outbound());
        server.verify(getRequestedFor(urlEqualTo("/library/sections")).withHeader("X-Plex-Token", equalTo(TOKEN)));
    }

    @Test
    void jellyfinGetsTheMediaUpdateWithItsAuthorizationHeader() throws Exception {
        server.stubFor(post(urlEqualTo("/Library/Media/Updated")).willReturn(aResponse().withStatus(204)));
        Destination jellyfin = jellyfin("");
        jellyfin.deliver(WebhookTestEvents.converted(BOOK), harness.outbound());
        server.verify(postRequestedFor(urlEqualTo("/Library/Media/Updated"))
            .withHeader("Authorization", equalTo("MediaBrowser Token=\"" + TOKEN + "\""))
            .withHeader("X-Emby-Token", absent())
            .withRequestBody(equalToJson("{\"Updates\":[{\"Path\":\"" + MAPPED + "\",\"UpdateType\":\"Created\"}]}")));
        assertThat(jellyfin.kind()).isEqualTo("jellyfin");
    }

    @Test
    void embyGetsTheSameUnderEmbyWithItsTokenHeader() throws Exception {
        server.stubFor(post(urlEqualTo("/emby/Library/Media/Updated")).willReturn(aResponse().withStatus(204)));
        server.stubFor(get(urlEqualTo("/emby/System/Info")).willReturn(okJson("{\"ServerName\":\"emby\",\"Version\":\"4.8.10.0\"}")));
        Destination emby = jellyfin("/emby");
        emby.deliver(WebhookTestEvents.tagged(BOOK), harness.outbound());
        emby.deliver(WebhookTestEvents.test(), harness.outbound());
        server.verify(postRequestedFor(urlEqualTo("/emby/Library/Media/Updated"))
            .withHeader("X-Emby-Token", equalTo(TOKEN)).withHeader("Authorization", absent())
            .withRequestBody(equalToJson("{\"Updates\":[{\"Path\":\"" + MAPPED + "\",\"UpdateType\":\"Created\"}]}")));
        server.verify(getRequestedFor(urlEqualTo("/emby/System/Info")).withHeader("X-Emby-Token", equalTo(TOKEN)));
        assertThat(emby.kind()).isEqualTo("emby");
        assertThat(emby.label()).isEqualTo("http://127.0.0.1:" + server.port() + "/***");
    }

    @Test
    void jellyfinTestReadsTheSystemInfoAndABusyServerIsTriedAgain() throws Exception {
        server.stubFor(get(urlEqualTo("/System/Info")).willReturn(okJson("{\"ServerName\":\"jf\",\"Version\":\"10.10.3\"}")));
        jellyfin("").deliver(WebhookTestEvents.test(), harness.outbound());
        server.verify(getRequestedFor(urlEqualTo("/System/Info"))
            .withHeader("Authorization", equalTo("MediaBrowser Token=\"" + TOKEN + "\"")));
        server.stubFor(post(urlEqualTo("/Library/Media/Updated"))
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "12")));
        assertThatThrownBy(() -> jellyfin("").deliver(WebhookTestEvents.converted(BOOK), harness.outbound()))
            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                assertThat(failure.retryable()).isTrue();
                assertThat(failure.retryAfter()).contains(Duration.ofSeconds(12));
                assertThat(failure.getMessage()).startsWith("POST /Library/Media/Updated: HTTP 503");
            });
    }

    @Test
    void anEventWithoutAFileIsNotWantedAndSendsNothing() throws Exception {
        NotifyEvent converted = WebhookTestEvents.converted(BOOK);
        NotifyEvent noFile = new NotifyEvent(converted.id(), converted.type(), converted.at(), converted.title(),
            converted.message(), converted.key(), converted.book(), null, converted.source(), null, null, null, 1);
        // not wanted, so no delivery is made, and none recorded as sent
        assertThat(List.of(abs("lib_given", MAP), plex("7"), jellyfin(""))).allSatisfy(server -> {
            assertThat(server.wants(noFile)).as(server.kind()).isFalse();
            assertThat(server.wants(converted)).as(server.kind()).isTrue();
        });
        abs("lib_given", MAP).deliver(noFile, harness.outbound());
        plex("7").deliver(noFile, harness.outbound());
        jellyfin("").deliver(noFile, harness.outbound());
        assertThat(requestCount()).isZero();
    }
}
