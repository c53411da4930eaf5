package org.automb.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** WEBHOOK_URLS entries parsed into what is called and how, and the body each event gets. */
class WebhookDestinationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static WebhookDestination parse(String url) {
        return (WebhookDestination) WebhookDestination.parse(url, WebhookTestEvents.settings());
    }

    /** The request the destination would send, caught instead of sent. */
    private static OutboundRequest requestOf(WebhookDestination webhook) throws DeliveryFailure {
        OutboundRequest[] sent = new OutboundRequest[1];
        webhook.deliver(WebhookTestEvents.test(), new Outbound() {
            @Override
            public HttpReply send(OutboundRequest request) {
                sent[0] = request;
                return new HttpReply(200, java.util.Map.of(), "");
            }

            @Override
            public void mail(MailMessage message) {
                throw new UnsupportedOperationException();
            }
        });
        return sent[0];
    }

    @Test
    void itsOwnOptionsLeaveTheUrlAndOthersStay() throws Exception {
        WebhookDestination webhook = parse("https://hooks.example.org:8443/api/in/s3cr3tpath?events=failed,converted"
            + "&retries=2&method=put&+X-Api-Key=k3y%2Bvalue&source=m4b&+X-Note=a%20b");
        OutboundRequest request = requestOf(webhook);
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.uri()).hasToString("https://hooks.example.org:8443/api/in/s3cr3tpath?source=m4b");
        assertThat(request.headers()).containsEntry("X-Api-Key", "k3y+value").containsEntry("X-Note", "a b");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(webhook.maxRetries()).hasValue(2);
        assertThat(EnumSet.allOf(EventType.class).stream().filter(webhook::wants))
            .containsExactlyInAnyOrder(EventType.BOOK_FAILED, EventType.BOOK_CONVERTED, EventType.TEST);
        assertThat(webhook.label()).isEqualTo("PUT https://hooks.example.org:8443/***");
        assertThat(webhook.secrets()).contains("k3y+value", "/api/in/s3cr3tpath", "source=m4b");
        assertThat(webhook.kind()).isEqualTo("webhook");
    }

    @Test
    void defaultsArePostEveryDefaultEventAndNoOwnRetryLimit() throws Exception {
        WebhookDestination webhook = parse("http://n8n:5678/webhook/abc");
        assertThat(requestOf(webhook).method()).isEqualTo("POST");
        assertThat(requestOf(webhook).uri()).hasToString("http://n8n:5678/webhook/abc");
        assertThat(webhook.maxRetries()).isEmpty();
        assertThat(EnumSet.allOf(EventType.class).stream().filter(webhook::wants)).containsExactlyInAnyOrderElementsOf(
            EventType.defaults());
        assertThat(webhook.label()).isEqualTo("http://n8n:5678/***");
    }

    @Test
    void userAndPasswordBecomeBasicAuthAndLeaveTheUrl() throws Exception {
        WebhookDestination webhook = parse("https://me:p%40ss:w0rd@hooks.example.org/in");
        OutboundRequest request = requestOf(webhook);
        assertThat(request.uri()).hasToString("https://hooks.example.org/in");
        assertThat(request.headers().get("Authorization")).isEqualTo("Basic "
            + Base64.getEncoder().encodeToString("me:p@ss:w0rd".getBytes(StandardCharsets.UTF_8)));
        assertThat(webhook.secrets()).contains("p@ss:w0rd");
        assertThat(webhook.label()).isEqualTo("https://hooks.example.org/***").doesNotContain("me");
    }

    @Test
    void wrongEntriesSayWhatIsWrongWithoutTheirSecrets() {
        assertThatThrownBy(() -> parse("ftp://user:hunter22@host/x")).hasMessageContaining("http:// or https://")
            .hasMessageNotContaining("hunter22");
        assertThatThrownBy(() -> parse("https://host/x?method=DELETE")).hasMessageContaining("method=DELETE must be POST or PUT");
        assertThatThrownBy(() -> parse("https://host/x?retries=many")).hasMessageContaining("retries=many");
        assertThatThrownBy(() -> parse("https://host/x?retries=21")).hasMessageContaining("0 to 20");
        assertThatThrownBy(() -> parse("https://host/x?events=converted,exploded")).hasMessageContaining("unknown event 'exploded'");
        assertThatThrownBy(() -> parse("https://host/x?events=")).hasMessageContaining("events= is empty");
        assertThatThrownBy(() -> parse("https://host/x?+CamelHttpUri=http://elsewhere")).hasMessageContaining("+CamelHttpUri= is not allowed");
        assertThatThrownBy(() -> parse("https://host/x?+Bad%20Name=1")).hasMessageContaining("not a valid header name");
        assertThatThrownBy(() -> parse("https://host/tok%zz")).hasMessageContaining("not a valid URL")
            .hasMessageNotContaining("tok");
    }

    @Test
    void convertedBodyCarriesTheBookAndItsFileAndLeavesNullsOut() throws Exception {
        JsonNode body = JSON.readTree(parse("http://h/x").body(WebhookTestEvents.converted("/data/converted/Andy Weir/Project Hail Mary/Project Hail Mary.m4b")));
        assertThat(body.path("eventType").asText()).isEqualTo("BookConverted");
        assertThat(body.path("eventId").asText()).isEqualTo("3f0c9a52-7d1e-4b8a-9c61-2f5e8d4a7b10");
        assertThat(body.path("occurredAt").asText()).isEqualTo("2026-12-05T20:15:30Z");
        assertThat(body.path("instanceName").asText()).isEqualTo("auto-m4b-attic");
        assertThat(body.path("applicationUrl").asText()).isEqualTo("http://m4b.local:8080");
        assertThat(body.path("title").asText()).isEqualTo("Converted: Project Hail Mary");
        assertThat(body.path("book").path("authors").get(0).asText()).isEqualTo("Andy Weir");
        assertThat(body.path("book").path("narrators").get(0).asText()).isEqualTo("Ray Porter");
        assertThat(body.path("book").path("asin").asText()).isEqualTo("B08G9PRS1K");
        assertThat(body.path("book").path("duration").asDouble()).isEqualTo(58023.5);
        assertThat(body.path("book").path("chapters").asInt()).isEqualTo(32);
        assertThat(body.path("book").has("subtitle")).isFalse();
        assertThat(body.path("book").has("series")).isFalse();
        assertThat(body.path("bookFile").path("path").asText()).endsWith("/Project Hail Mary.m4b");
        assertThat(body.path("bookFile").path("size").asLong()).isEqualTo(463_470_592L);
        assertThat(body.path("bookFile").path("bitrate").asInt()).isEqualTo(64);
        assertThat(body.path("bookFile").path("codec").asText()).isEqualTo("aac");
        assertThat(body.path("source").path("key").asText()).isEqualTo("Andy Weir - Project Hail Mary");
        assertThat(body.path("source").path("files")).hasSize(2);
        assertThat(body.path("took").asDouble()).isEqualTo(192.4);
        assertThat(body.path("attempt").asInt()).isEqualTo(1);
        assertThat(body.has("error")).isFalse();
        assertThat(body.has("nextRetryAt")).isFalse();
        assertThat(body.toString()).doesNotContain("null");
    }

    @Test
    void failedBodyCarriesTheErrorAndNoFile() throws Exception {
        JsonNode body = JSON.readTree(parse("http://h/x").body(WebhookTestEvents.failed()));
        assertThat(body.path("eventType").asText()).isEqualTo("BookFailed");
        assertThat(body.path("error").asText()).startsWith("ffmpeg could not read 02.mp3");
        assertThat(body.path("attempt").asInt()).isEqualTo(2);
        assertThat(body.has("bookFile")).isFalse();
        assertThat(body.path("book").path("title").asText()).isEqualTo("Project Hail Mary");
        assertThat(body.toString()).doesNotContain("null");
    }

    @Test
    void testBodyHasNoBookAndNoApplicationUrlWhenNoneIsSet() throws Exception {
        var settings = WebhookTestEvents.settings();
        settings = new org.automb.config.NotifySettings(settings.notifyUrls(), false, 4, settings.retryBaseDelay(),
            settings.timeout(), settings.serviceUrls(), settings.webhookUrls(), "auto-m4b", "", "",
            settings.scriptTimeout(), settings.audiobookshelf(), settings.plex(), settings.jellyfin(), settings.libraryPathMap());
        JsonNode body = JSON.readTree(((WebhookDestination) WebhookDestination.parse("http://h/x", settings))
            .body(WebhookTestEvents.test()));
        assertThat(body.path("eventType").asText()).isEqualTo("Test");
        assertThat(body.path("instanceName").asText()).isEqualTo("auto-m4b");
        assertThat(body.has("applicationUrl")).isFalse();
        assertThat(body.has("book")).isFalse();
        assertThat(body.has("source")).isFalse();
        assertThat(body.has("attempt")).isFalse();
    }

    @Test
    void theExamplesInTheDocsAreWhatTheCodeSends() throws Exception {
        String docs = java.nio.file.Files.readString(java.nio.file.Path.of("docs/notifications.md"));
        WebhookDestination webhook = parse("http://h/x");
        assertThat(docsExample(docs, "BookConverted")).isEqualTo(JSON.readTree(webhook.body(
            WebhookTestEvents.converted("/data/converted/Andy Weir/Project Hail Mary/Project Hail Mary.m4b"))));
        assertThat(docsExample(docs, "BookFailed")).isEqualTo(JSON.readTree(webhook.body(WebhookTestEvents.failed())));
    }

    /** The ```json block of docs/notifications.md whose eventType is {@code eventType}. */
    private static JsonNode docsExample(String docs, String eventType) throws Exception {
        java.util.regex.Matcher blocks = java.util.regex.Pattern.compile("```json\\n(.*?)```", java.util.regex.Pattern.DOTALL)
            .matcher(docs);
        while (blocks.find()) {
            JsonNode example = JSON.readTree(blocks.group(1));
            if (example.path("eventType").asText().equals(eventType)) {
                return example;
            }
        }
        throw new AssertionError("docs/notifications.md has no ```json example of " + eventType);
    }
}
