package org.automb.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.automb.config.NotifySettings;

/**
 * Telegram ({@code tgram://{bot_token}/{chat_id}}): {@code POST /bot{token}/sendMessage} with
 * {@code {chat_id, text, parse_mode:"HTML"}}, the title in bold, the text HTML-escaped.
 */
final class TelegramDestination extends ServiceDestination {

    /** Telegram's limit on a message's text. */
    static final int TEXT_MAX = 4096;

    private final String botToken;
    private final String chatId;
    private final String baseUrl;
    private final String applicationUrl;
    private final ObjectMapper json;

    private TelegramDestination(ServiceUrl url, String botToken, String chatId, NotifySettings settings, ObjectMapper json) {
        super(url);
        this.botToken = botToken;
        this.chatId = chatId;
        this.baseUrl = DiscordDestination.baseUrl(settings, "telegram", "https://api.telegram.org");
        this.applicationUrl = settings.applicationUrl();
        this.json = json;
    }

    static TelegramDestination of(ServiceUrl url, NotifySettings settings, ObjectMapper json) {
        // the token's colon makes it look like host:port to URL parsers: read the authority as written
        String token = ServiceUrl.decode(url.rawAuthority());
        if (token.startsWith("bot")) {
            token = token.substring(3);
        }
        if (!token.matches("\\d+:[A-Za-z0-9_-]+")) {
            throw url.problem("the bot token must look like 123456789:AAE… (digits, a colon, letters; "
                + "tgram://{bot_token}/{chat_id})");
        }
        if (url.path().isEmpty()) {
            throw url.problem("the chat id is missing (tgram://{bot_token}/{chat_id})");
        }
        if (url.path().size() > 1) {
            throw url.problem("one chat id per URL (tgram://{bot_token}/{chat_id}); add a URL per chat");
        }
        String chat = url.path().get(0);
        if (!chat.matches("-?\\d+|@\\w+")) {
            throw url.problem("the chat id must be a number (-100… for groups) or a @channel name");
        }
        return new TelegramDestination(url, token, chat, settings, json);
    }

    @Override
    public String label() {
        return "tgram://" + Masking.MASK + "/" + Masking.hint(chatId);
    }

    @Override
    public String kind() {
        return "telegram";
    }

    @Override
    public List<String> secrets() {
        return List.of(botToken, chatId);
    }

    @Override
    public void deliver(NotifyEvent event, Outbound outbound) throws DeliveryFailure {
        HttpReply reply = outbound.send(request(event));
        if (reply.status() == 429) {
            throw masked(rateLimited(reply));
        }
        requireSuccess(reply);
    }

    /** {@code POST {base}/bot{token}/sendMessage} with {@code {chat_id, text, parse_mode:"HTML"}}. */
    OutboundRequest request(NotifyEvent event) {
        ObjectNode body = json.createObjectNode();
        body.put("chat_id", chatId);
        body.put("text", text(event));
        body.put("parse_mode", "HTML");
        return OutboundRequest.postJson(URI.create(baseUrl + "/bot" + ServiceUrl.encode(botToken) + "/sendMessage"),
            Map.of(), body.toString());
    }

    /** The title in bold, the message under it, cut to Telegram's limit before escaping (the limit counts text). */
    String text(NotifyEvent event) {
        String title = NoticeText.cut(event.title(), 256);
        String link = applicationUrl.isEmpty() ? "" : applicationUrl;
        int room = TEXT_MAX - title.length() - 1 - (link.isEmpty() ? 0 : link.length() + 2);
        String message = NoticeText.cut(event.message(), Math.max(0, room));
        return "<b>" + escape(title) + "</b>\n" + escape(message)
            + (link.isEmpty() ? "" : "\n\n<a href=\"" + escape(link) + "\">" + escape(link) + "</a>");
    }

    /** Telegram's HTML mode knows only the named entities {@code &lt; &gt; &amp; &quot;}: the rest stays as it is. */
    static String escape(String text) {
        return (text == null ? "" : text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\"", "&quot;");
    }

    /** A 429 says how long to wait in {@code parameters.retry_after} (seconds). */
    private DeliveryFailure rateLimited(HttpReply reply) {
        DeliveryFailure failure = DeliveryFailure.ofStatus(reply);
        try {
            JsonNode answer = json.readTree(reply.body().isEmpty() ? "{}" : reply.body());
            JsonNode seconds = answer.path("parameters").path("retry_after");
            if (seconds.isNumber()) {
                return new DeliveryFailure(failure.getMessage(), true, Duration.ofSeconds(seconds.asLong()), 429);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            // the Retry-After header, if any, is in the failure already
        }
        return failure;
    }
}
