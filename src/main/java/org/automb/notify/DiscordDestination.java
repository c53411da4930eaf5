package org.automb.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.automb.config.NotifySettings;

/**
 * A Discord webhook ({@code discord://{webhook_id}/{webhook_token}} or its {@code https://discord.com/api/webhooks/}
 * form): one embed per event, coloured by its level, with the book's authors, narrators, duration, size and the time
 * taken as fields, within Discord's limits.
 */
final class DiscordDestination extends ServiceDestination {

    /** Discord's limits (developer docs, "Embed Limits"). */
    static final int TITLE_MAX = 256;
    static final int DESCRIPTION_MAX = 4096;
    static final int FIELD_NAME_MAX = 256;
    static final int FIELD_VALUE_MAX = 1024;
    static final int FIELDS_MAX = 25;
    static final int EMBED_TOTAL_MAX = 6000;
    static final int USERNAME_MAX = 80;

    /** Embed colours by level: green, orange, red, blue. */
    static final Map<EventType.Level, Integer> COLOURS = Map.of(
        EventType.Level.SUCCESS, 0x2ECC71, EventType.Level.WARNING, 0xE67E22,
        EventType.Level.FAILURE, 0xE74C3C, EventType.Level.INFO, 0x3498DB);

    private final String webhookId;
    private final String webhookToken;
    private final String baseUrl;
    private final String username;
    private final String applicationUrl;
    private final ObjectMapper json;

    private DiscordDestination(ServiceUrl url, String webhookId, String webhookToken, String baseUrl, String username,
                               String applicationUrl, ObjectMapper json) {
        super(url);
        this.webhookId = webhookId;
        this.webhookToken = webhookToken;
        this.baseUrl = baseUrl;
        this.username = username;
        this.applicationUrl = applicationUrl;
        this.json = json;
    }

    /** {@code discord://[{botname}@]{webhook_id}/{webhook_token}}. */
    static DiscordDestination ofDiscordUrl(ServiceUrl url, NotifySettings settings, ObjectMapper json) {
        if (url.path().isEmpty()) {
            throw url.problem("the webhook token is missing (discord://{webhook_id}/{webhook_token})");
        }
        return of(url, url.host(), url.path().get(0), url.path().size(), 1, settings, json);
    }

    /** {@code https://discord.com/api/webhooks/{webhook_id}/{webhook_token}} (or discordapp.com). */
    static DiscordDestination ofWebhookUrl(ServiceUrl url, NotifySettings settings, ObjectMapper json) {
        List<String> path = url.path();
        if (path.size() < 4 || !path.get(0).equals("api") || !path.get(1).equals("webhooks")) {
            throw url.problem("a Discord webhook URL is https://discord.com/api/webhooks/{webhook_id}/{webhook_token}");
        }
        return of(url, path.get(2), path.get(3), path.size(), 4, settings, json);
    }

    private static DiscordDestination of(ServiceUrl url, String id, String token, int segments, int expected,
                                         NotifySettings settings, ObjectMapper json) {
        if (!id.matches("\\d+")) {
            throw url.problem("the webhook id must be digits (discord://{webhook_id}/{webhook_token})");
        }
        if (token.isBlank()) {
            throw url.problem("the webhook token is missing (discord://{webhook_id}/{webhook_token})");
        }
        if (segments > expected) {
            throw url.problem("unexpected path after the webhook token (discord://{webhook_id}/{webhook_token})");
        }
        String name = url.scheme().equals("discord") && !url.user().isEmpty() ? url.user() : settings.instanceName();
        return new DiscordDestination(url, id, token, baseUrl(settings, "discord", "https://discord.com"),
            NoticeText.cut(name, USERNAME_MAX), settings.applicationUrl(), json);
    }

    /** The fixed host of a service, or its NOTIFY_SERVICE_URLS replacement, without a trailing slash. */
    static String baseUrl(NotifySettings settings, String service, String fixed) {
        String base = settings.serviceUrls().getOrDefault(service, fixed);
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public String label() {
        return "discord://" + Masking.hint(webhookId) + "/" + Masking.MASK;
    }

    @Override
    public String kind() {
        return "discord";
    }

    @Override
    public List<String> secrets() {
        return List.of(webhookToken);
    }

    @Override
    public void deliver(NotifyEvent event, Outbound outbound) throws DeliveryFailure {
        HttpReply reply = outbound.send(request(event));
        if (reply.status() == 429) {
            throw masked(rateLimited(reply));
        }
        requireSuccess(reply);
    }

    /** The request an event makes: {@code POST {base}/api/webhooks/{id}/{token}} with the embed. */
    OutboundRequest request(NotifyEvent event) {
        URI uri = URI.create(baseUrl + "/api/webhooks/" + ServiceUrl.encode(webhookId) + "/"
            + ServiceUrl.encode(webhookToken));
        return OutboundRequest.postJson(uri, Map.of(), body(event).toString());
    }

    /** {@code {username, embeds:[{title, description, color, fields, timestamp}]}} within Discord's limits. */
    ObjectNode body(NotifyEvent event) {
        ObjectNode body = json.createObjectNode();
        body.put("username", username);
        ObjectNode embed = body.putArray("embeds").addObject();
        String title = NoticeText.cut(event.title(), TITLE_MAX);
        embed.put("title", title);
        if (!applicationUrl.isEmpty()) {
            embed.put("url", applicationUrl);
        }
        embed.put("color", COLOURS.get(event.type().level()));
        ArrayNode fields = json.createArrayNode();
        int used = title.length();
        for (String[] field : fields(event)) {
            if (fields.size() == FIELDS_MAX) {
                break;
            }
            String name = NoticeText.cut(field[0], FIELD_NAME_MAX);
            String value = NoticeText.cut(field[1], FIELD_VALUE_MAX);
            if (used + name.length() + value.length() > EMBED_TOTAL_MAX) {
                break;
            }
            used += name.length() + value.length();
            fields.addObject().put("name", name).put("value", value).put("inline", true);
        }
        // the description takes what the title and fields leave of the embed's 6000 characters
        embed.put("description", NoticeText.cut(event.message(), Math.min(DESCRIPTION_MAX, EMBED_TOTAL_MAX - used)));
        if (!fields.isEmpty()) {
            embed.set("fields", fields);
        }
        embed.put("timestamp", event.at().toString());
        return body;
    }

    /** Name and value of each field the event has: authors, narrators, duration, size, time taken. */
    private static List<String[]> fields(NotifyEvent event) {
        List<String[]> fields = new java.util.ArrayList<>();
        NotifyEvent.BookInfo book = event.book();
        if (book != null) {
            if (!book.authors().isEmpty()) {
                fields.add(new String[] {book.authors().size() == 1 ? "Author" : "Authors", NoticeText.names(book.authors())});
            }
            if (!book.narrators().isEmpty()) {
                fields.add(new String[] {book.narrators().size() == 1 ? "Narrator" : "Narrators",
                    NoticeText.names(book.narrators())});
            }
            if (book.durationSeconds() != null) {
                fields.add(new String[] {"Duration", NoticeText.duration(book.durationSeconds())});
            }
        }
        if (event.file() != null) {
            fields.add(new String[] {"Size", NoticeText.size(event.file().sizeBytes())});
        }
        if (event.took() != null) {
            fields.add(new String[] {"Time taken", NoticeText.duration(event.took())});
        }
        return fields;
    }

    /** A 429: wait as long as its JSON {@code retry_after} (seconds, with decimals) or its Retry-After says. */
    private DeliveryFailure rateLimited(HttpReply reply) {
        Duration wait = null;
        try {
            JsonNode answer = json.readTree(reply.body().isEmpty() ? "{}" : reply.body());
            if (answer.path("retry_after").isNumber()) {
                wait = Duration.ofMillis(Math.round(answer.path("retry_after").asDouble() * 1000));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            // the header may still say
        }
        if (wait == null) {
            wait = reply.header("Retry-After").flatMap(value -> DeliveryFailure.parseRetryAfter(value, Instant.now()))
                .orElse(null);
        }
        return new DeliveryFailure("HTTP 429: Discord rate limit" + (wait == null ? "" : ", retry after "
            + wait.toMillis() + " ms"), true, wait, 429);
    }
}
