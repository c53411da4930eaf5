package org.automb.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.automb.config.NotifySettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each notification service's request, sent through the real send-http route to a local stand-in of the service
 * (WireMock), checked against the shape the service documents: method, path, headers, body; and its failures.
 */
class NotificationServicesTest {

    private static final WireMockServer server = new WireMockServer(options().dynamicPort());
    private static final ObjectMapper json = new ObjectMapper();
    private static OutboundHarness harness;
    private static NotifySettings settings;

    private static final String PUSHOVER_USER = "uQiRzpo4DXghDmr9QzzfQu27cmVRsG";
    private static final String PUSHOVER_TOKEN = "azGDORePK8gMaC0QOYAMyEEuzJnyUi";
    private static final String BOT_TOKEN = "123456789:AAEhBOweik6ad6PsVMRxjeQKmQbQ-2aBc";

    @BeforeAll
    static void start() throws Exception {
        server.start();
        harness = OutboundHarness.start(Duration.ofSeconds(2));
        String base = "http://127.0.0.1:" + server.port();
        settings = ServiceTestEvents.settings(Map.of("discord", base, "pushover", base + "/", "telegram", base),
            "http://books.local:8080");
    }

    @AfterAll
    static void stop() {
        harness.close();
        server.stop();
    }

    @BeforeEach
    void reset() throws Exception {
        server.resetAll();
    }

    private static String hostPort() {
        return "127.0.0.1:" + server.port();
    }

    private static Destination parse(String url) {
        return AppriseDestinations.parse(url, settings);
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
            com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static JsonNode body(LoggedRequest request) throws Exception {
        return json.readTree(request.getBodyAsString());
    }

    // Discord

    @Test
    void discordPostsAnEmbedWithColourFieldsAndTimestamp() throws Exception {
        server.stubFor(post(urlEqualTo("/api/webhooks/112233445566778899/tok-EN_secret")).willReturn(aResponse().withStatus(204)));
        parse("discord://112233445566778899/tok-EN_secret").deliver(ServiceTestEvents.converted(), harness.outbound());

        LoggedRequest request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        JsonNode body = body(request);
        assertThat(body.path("username").asText()).isEqualTo("auto-m4b");
        JsonNode embed = body.path("embeds").get(0);
        assertThat(embed.path("title").asText()).isEqualTo("Converted: Project Hail Mary");
        assertThat(embed.path("description").asText()).startsWith("Project Hail Mary by Andy Weir & Co");
        assertThat(embed.path("color").asInt()).isEqualTo(0x2ECC71);
        assertThat(embed.path("url").asText()).isEqualTo("http://books.local:8080");
        assertThat(embed.path("timestamp").asText()).isEqualTo("2026-12-05T20:00:00Z");
        assertThat(embed.path("fields").findValuesAsText("name"))
            .containsExactly("Authors", "Narrator", "Duration", "Size", "Time taken");
        assertThat(embed.path("fields").findValuesAsText("value"))
            .containsExactly("Andy Weir, Co Author", "Ray Porter", "16 h 10 min", "450 MB", "3 min 5 s");
        assertThat(embed.path("fields").get(0).path("inline").asBoolean()).isTrue();
    }

    @Test
    void discordsHttpsFormGoesToTheSameWebhookAndAFailureIsRed() throws Exception {
        server.stubFor(post(urlEqualTo("/api/webhooks/42/abc")).willReturn(aResponse().withStatus(200).withBody("{}")));
        // the settings' NOTIFY_SERVICE_URLS stand in for https://discord.com
        parse("https://discord.com/api/webhooks/42/abc").deliver(ServiceTestEvents.failed(), harness.outbound());
        JsonNode embed = body(onlyRequest()).path("embeds").get(0);
        assertThat(embed.path("color").asInt()).isEqualTo(0xE74C3C);
        assertThat(embed.has("fields")).isFalse();
    }

    @Test
    void discordKeepsItsLimits() throws Exception {
        server.stubFor(post(urlEqualTo("/api/webhooks/42/abc")).willReturn(aResponse().withStatus(204)));
        NotifyEvent huge = ServiceTestEvents.of(EventType.HEALTH_ISSUE, "T".repeat(300), "M".repeat(7000));
        parse("discord://42/abc").deliver(huge, harness.outbound());
        JsonNode embed = body(onlyRequest()).path("embeds").get(0);
        assertThat(embed.path("title").asText()).hasSize(256).endsWith("…");
        assertThat(embed.path("description").asText()).hasSize(4096).endsWith("…");
        assertThat(embed.path("color").asInt()).isEqualTo(0xE67E22);
    }

    @Test
    void discordsRateLimitIsRetryableAfterItsRetryAfter() throws Exception {
        server.stubFor(post(urlEqualTo("/api/webhooks/42/abc")).willReturn(aResponse().withStatus(429)
            .withHeader("Content-Type", "application/json").withHeader("Retry-After", "2")
            .withBody("{\"message\": \"You are being rate limited.\", \"retry_after\": 1.5, \"global\": false}")));
        assertThatThrownBy(() -> parse("discord://42/abc").deliver(ServiceTestEvents.converted(), harness.outbound()))
            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                assertThat(failure.retryable()).isTrue();
                assertThat(failure.retryAfter()).contains(Duration.ofMillis(1500));
                assertThat(failure.statusCode()).contains(429);
            });
    }

    @Test
    void anUnauthorizedWebhookIsNotRetriedAndItsTokenNotRepeated() throws Exception {
        server.stubFor(post(urlEqualTo("/api/webhooks/42/abcdef")).willReturn(aResponse().withStatus(401)
            .withBody("{\"message\": \"Invalid Webhook Token abcdef\", \"code\": 50027}")));
        assertThatThrownBy(() -> parse("discord://42/abcdef").deliver(ServiceTestEvents.converted(), harness.outbound()))
            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                assertThat(failure.retryable()).isFalse();
                assertThat(failure.statusCode()).contains(401);
                assertThat(failure.getMessage()).contains("HTTP 401").doesNotContain("abcdef");
            });
    }

    // Pushover

    @Test
    void pushoverPostsTheFormWithHighPriorityForAFailure() throws Exception {
        server.stubFor(post(urlEqualTo("/1/messages.json")).willReturn(aResponse().withStatus(200)
            .withBody("{\"status\":1,\"request\":\"x\"}")));
        parse("pover://" + PUSHOVER_USER + "@" + PUSHOVER_TOKEN).deliver(ServiceTestEvents.failed(), harness.outbound());
        LoggedRequest request = onlyRequest();
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(form(request.getBodyAsString())).containsExactlyInAnyOrderEntriesOf(Map.of(
            "token", PUSHOVER_TOKEN, "user", PUSHOVER_USER, "title", "Failed: Dune — Ürsula <1>",
            "message", "ffmpeg could not read 03.mp3 & stopped", "priority", "1",
            "url", "http://books.local:8080", "url_title", "Open auto-m4b"));
    }

    @Test
    void pushoverSendsNormalPriorityForTheRest() throws Exception {
        server.stubFor(post(urlEqualTo("/1/messages.json")).willReturn(aResponse().withStatus(200)));
        parse("pover://" + PUSHOVER_USER + "@" + PUSHOVER_TOKEN).deliver(ServiceTestEvents.converted(), harness.outbound());
        assertThat(form(onlyRequest().getBodyAsString())).containsEntry("priority", "0");
    }

    @Test
    void aRejectedPushoverTokenIsNotRetried() throws Exception {
        server.stubFor(post(urlEqualTo("/1/messages.json")).willReturn(aResponse().withStatus(400)
            .withBody("{\"token\":\"invalid\",\"errors\":[\"application token is invalid\"],\"status\":0}")));
        assertThatThrownBy(() -> parse("pover://" + PUSHOVER_USER + "@" + PUSHOVER_TOKEN)
            .deliver(ServiceTestEvents.converted(), harness.outbound()))
            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> assertThat(failure.retryable()).isFalse());
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
            pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }

    // ntfy

    @Test
    void ntfyPostsTheMessageWithTitlePriorityTagsAndBasicAuth() throws Exception {
        server.stubFor(post(urlEqualTo("/books")).willReturn(aResponse().withStatus(200).withBody("{}")));
        parse("ntfy://reader:pa%24%24word@" + hostPort() + "/books").deliver(ServiceTestEvents.failed(), harness.outbound());
        server.verify(postRequestedFor(urlEqualTo("/books"))
            .withHeader("X-Title", equalTo("=?UTF-8?B?RmFpbGVkOiBEdW5lIOKAlCDDnHJzdWxhIDwxPg==?="))
            .withHeader("X-Priority", equalTo("high"))
            .withHeader("X-Tags", equalTo("x,failed"))
            .withHeader("X-Click", equalTo("http://books.local:8080"))
            .withHeader("Authorization", equalTo("Basic cmVhZGVyOnBhJCR3b3Jk"))
            .withHeader("Content-Type", matching("text/plain; ?charset=(utf|UTF)-8"))
            .withRequestBody(equalTo("ffmpeg could not read 03.mp3 & stopped")));
    }

    @Test
    void ntfyTakesAnAccessTokenAsBearerAndAsciiTitlesAsTheyAre() throws Exception {
        server.stubFor(post(urlEqualTo("/books")).willReturn(aResponse().withStatus(200)));
        parse("ntfy://tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2@" + hostPort() + "/books")
            .deliver(ServiceTestEvents.converted(), harness.outbound());
        server.verify(postRequestedFor(urlEqualTo("/books"))
            .withHeader("X-Title", equalTo("Converted: Project Hail Mary"))
            .withHeader("X-Priority", equalTo("default"))
            .withHeader("X-Tags", equalTo("white_check_mark,converted"))
            .withHeader("Authorization", equalTo("Bearer tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2")));
    }

    @Test
    void aForbiddenNtfyTopicIsNotRetried() throws Exception {
        server.stubFor(post(urlEqualTo("/books")).willReturn(aResponse().withStatus(403)
            .withBody("{\"code\":40301,\"http\":403,\"error\":\"forbidden\"}")));
        assertThatThrownBy(() -> parse("ntfy://" + hostPort() + "/books").deliver(ServiceTestEvents.converted(), harness.outbound()))
            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> assertThat(failure.retryable()).isFalse());
        server.verify(postRequestedFor(urlEqualTo("/books")).withHeader("Authorization", absent()));
    }

    // Gotify

    @Test
    void gotifyPostsJsonWithItsKeyHeaderUnderItsPath() throws Exception {
        server.stubFor(post(urlEqualTo("/gotify/message")).willReturn(aResponse().withStatus(200).withBody("{\"id\":1}")));
        parse("gotify://" + hostPort() + "/gotify/AbCdEf.123").deliver(ServiceTestEvents.failed(), harness.outbound());
        server.verify(postRequestedFor(urlEqualTo("/gotify/message"))
            .withHeader("X-Gotify-Key", equalTo("AbCdEf.123"))
            .withHeader("Content-Type", containing("application/json"))
            .withRequestBody(equalToJson("{\"title\":\"Failed: Dune — Ürsula <1>\","
                + "\"message\":\"ffmpeg could not read 03.mp3 & stopped\",\"priority\":8,"
                + "\"extras\":{\"client::notification\":{\"click\":{\"url\":\"http://books.local:8080\"}}}}")));
    }

    @Test
    void aWrongGotifyTokenIsNotRetried() throws Exception {
        server.stubFor(post(urlEqualTo("/message")).willReturn(aResponse().withStatus(401)
            .withBody("{\"error\":\"Unauthorized\",\"errorCode\":401,\"errorDescription\":\"you need to provide a valid access token\"}")));
        assertThatThrownBy(() -> parse("gotify://" + hostPort() + "/AbCdEf.123").deliver(ServiceTestEvents.converted(),
            harness.outbound()))
            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                assertThat(failure.retryable()).isFalse();
                assertThat(failure.statusCode()).contains(401);
            });
    }

    // Telegram

    @Test
    void telegramSendsHtmlWithTheTitleInBold() throws Exception {
        server.stubFor(post(urlEqualTo("/bot" + BOT_TOKEN + "/sendMessage")).willReturn(aResponse().withStatus(200)
            .withBody("{\"ok\":true,\"result\":{}}")));
        parse("tgram://" + BOT_TOKEN + "/-1001234567890").deliver(ServiceTestEvents.failed(), harness.outbound());
        server.verify(postRequestedFor(urlEqualTo("/bot" + BOT_TOKEN + "/sendMessage"))
            .withHeader("Content-Type", containing("application/json"))
            .withRequestBody(equalToJson("{\"chat_id\":\"-1001234567890\",\"parse_mode\":\"HTML\",\"text\":"
                + "\"<b>Failed: Dune — Ürsula &lt;1&gt;</b>\\nffmpeg could not read 03.mp3 &amp; stopped\\n\\n"
                + "<a href=\\\"http://books.local:8080\\\">http://books.local:8080</a>\"}")));
    }

    @Test
    void telegramsFloodControlIsRetryableAfterItsRetryAfter() throws Exception {
        server.stubFor(post(urlEqualTo("/bot" + BOT_TOKEN + "/sendMessage")).willReturn(aResponse().withStatus(429)
            .withBody("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                + "\"parameters\":{\"retry_after\":7}}")));
        assertThatThrownBy(() -> parse("tgram://" + BOT_TOKEN + "/-1001234567890").deliver(ServiceTestEvents.converted(),
            harness.outbound()))
            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                assertThat(failure.retryable()).isTrue();
                assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
            });
    }

    @Test
    void anUnknownTelegramChatIsNotRetried() throws Exception {
        server.stubFor(post(urlEqualTo("/bot" + BOT_TOKEN + "/sendMessage")).willReturn(aResponse().withStatus(400)
            .withBody("{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}")));
        assertThatThrownBy(() -> parse("tgram://" + BOT_TOKEN + "/-1001234567890").deliver(ServiceTestEvents.converted(),
            harness.outbound()))
            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                assertThat(failure.retryable()).isFalse();
                assertThat(failure.getMessage()).contains("chat not found").doesNotContain("AAEhBOweik6ad6");
            });
    }

    // json://

    @Test
    void jsonPostsApprisesBodyWithBasicAuthAndExtraHeaders() throws Exception {
        server.stubFor(post(urlEqualTo("/hooks/books")).willReturn(aResponse().withStatus(200)));
        parse("json://me:pw@" + hostPort() + "/hooks/books?+X-Api-Key=k3y&+X-Source=auto-m4b")
            .deliver(ServiceTestEvents.converted(), harness.outbound());
        server.verify(postRequestedFor(urlEqualTo("/hooks/books"))
            .withHeader("Authorization", equalTo("Basic bWU6cHc="))
            .withHeader("X-Api-Key", equalTo("k3y"))
            .withHeader("X-Source", equalTo("auto-m4b"))
            .withRequestBody(equalToJson("{\"version\":\"1.0\",\"title\":\"Converted: Project Hail Mary\","
                + "\"message\":\"Project Hail Mary by Andy Weir & Co, read by Ray Porter\\n16 h 10 min, 450 MB, took 3 min\","
                + "\"type\":\"success\"}")));
    }

    @Test
    void aJsonEndpointThatIsDownForAMomentIsRetried() throws Exception {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30").withBody("busy")));
        assertThatThrownBy(() -> parse("json://" + hostPort()).deliver(ServiceTestEvents.failed(), harness.outbound()))
            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                assertThat(failure.retryable()).isTrue();
                assertThat(failure.retryAfter()).contains(Duration.ofSeconds(30));
            });
    }

    // apprise://

    @Test
    void appriseApiPostsToNotifyWithItsKeyAndTags() throws Exception {
        server.stubFor(post(urlEqualTo("/notify/my-books")).willReturn(aResponse().withStatus(200)));
        parse("apprise://" + hostPort() + "/my-books?tags=phone,family").deliver(ServiceTestEvents.failed(), harness.outbound());
        server.verify(postRequestedFor(urlEqualTo("/notify/my-books"))
            .withHeader("Content-Type", containing("application/json"))
            .withRequestBody(equalToJson("{\"title\":\"Failed: Dune — Ürsula <1>\","
                + "\"body\":\"ffmpeg could not read 03.mp3 & stopped\",\"type\":\"failure\",\"format\":\"text\","
                + "\"tag\":\"phone,family\"}")));
    }

    @Test
    void appriseApi424IsAPartialFailureThatIsNotRepeated() {
        server.stubFor(post(urlEqualTo("/notify/my-books")).willReturn(aResponse().withStatus(424)
            .withBody("One or more notification could not be sent")));
        assertThatThrownBy(() -> parse("apprise://" + hostPort() + "/my-books").deliver(ServiceTestEvents.converted(),
            harness.outbound()))
            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                assertThat(failure.retryable()).isFalse();
                assertThat(failure.statusCode()).contains(424);
                assertThat(failure.getMessage()).contains("could not reach one or more");
            });
    }

    @Test
    void appriseApiBusyIsRetriedAfterItsRetryAfter() throws Exception {
        server.stubFor(post(urlEqualTo("/notify/my-books")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "12")));
        assertThatThrownBy(() -> parse("apprise://" + hostPort() + "/my-books").deliver(ServiceTestEvents.converted(),
            harness.outbound()))
            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                assertThat(failure.retryable()).isTrue();
                assertThat(failure.retryAfter()).contains(Duration.ofSeconds(12));
            });
    }
}
