package org.automb.notify;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.automb.config.NotifySettings;

/**
 * Pushover ({@code pover://{user_key}@{token}}): {@code POST /1/messages.json}, form-encoded, high priority (1) for a
 * failed book, normal (0) for the rest, with a link to APPLICATION_URL when it is set.
 */
final class PushoverDestination extends ServiceDestination {

    /** Pushover's limits (API docs, "Limitations"). */
    static final int MESSAGE_MAX = 1024;
    static final int TITLE_MAX = 250;
    static final int URL_TITLE_MAX = 100;

    private final String userKey;
    private final String token;
    private final String baseUrl;
    private final String applicationUrl;
    private final String instanceName;

    private PushoverDestination(ServiceUrl url, String userKey, String token, NotifySettings settings) {
        super(url);
        this.userKey = userKey;
        this.token = token;
        this.baseUrl = DiscordDestination.baseUrl(settings, "pushover", "https://api.pushover.net");
        this.applicationUrl = settings.applicationUrl();
        this.instanceName = settings.instanceName();
    }

    /** {@code pover://{user_key}@{token}}: both 30 letters and digits. */
    static PushoverDestination of(ServiceUrl url, NotifySettings settings) {
        String userKey = url.user();
        String token = url.host();
        if (userKey.isEmpty() || token.isEmpty()) {
            throw url.problem("the user key or the application token is missing (pover://{user_key}@{token})");
        }
        if (!userKey.matches("[A-Za-z0-9]{30}")) {
            throw url.problem("the user key must be 30 letters and digits (it has " + userKey.length()
                + " characters; pover://{user_key}@{token})");
        }
        if (!token.matches("[A-Za-z0-9]{30}")) {
            throw url.problem("the application token must be 30 letters and digits (it has " + token.length()
                + " characters; pover://{user_key}@{token})");
        }
        if (!url.path().isEmpty()) {
            throw url.problem("unexpected path after the token (pover://{user_key}@{token})");
        }
        return new PushoverDestination(url, userKey, token, settings);
    }

    @Override
    public String label() {
        return "pover://" + Masking.MASK + "@" + Masking.MASK;
    }

    @Override
    public String kind() {
        return "pushover";
    }

    @Override
    public List<String> secrets() {
        return List.of(userKey, token);
    }

    @Override
    public void deliver(NotifyEvent event, Outbound outbound) throws DeliveryFailure {
        requireSuccess(outbound.send(request(event)));
    }

    /** {@code POST {base}/1/messages.json} with token, user, title, message, priority [, url, url_title]. */
    OutboundRequest request(NotifyEvent event) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", token);
        form.put("user", userKey);
        form.put("title", NoticeText.cut(event.title(), TITLE_MAX));
        form.put("message", NoticeText.cut(event.message(), MESSAGE_MAX));
        form.put("priority", event.type() == EventType.BOOK_FAILED ? "1" : "0");
        if (!applicationUrl.isEmpty()) {
            form.put("url", applicationUrl);
            form.put("url_title", NoticeText.cut("Open " + instanceName, URL_TITLE_MAX));
        }
        String body = form.entrySet().stream()
            .map(entry -> entry.getKey() + "="
                + URLEncoder.encode(java.util.Objects.toString(entry.getValue(), ""), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        return new OutboundRequest("POST", URI.create(baseUrl + "/1/messages.json"), Map.of(), body,
            "application/x-www-form-urlencoded");
    }
}
