package org.automb.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.automb.config.NotifySettings;

/**
 * Gotify ({@code gotify://} over http, {@code gotifys://} over https, {@code {host}[:port][/path]/{token}}):
 * {@code POST .../message} with the application token in {@code X-Gotify-Key} and {@code {title, message, priority}};
 * priority 8 for a failure, 5 for a warning, 2 for the rest; a click on it opens APPLICATION_URL when it is set.
 */
final class GotifyDestination extends ServiceDestination {

    private final String scheme;
    private final String hostAndPort;
    private final String basePath;
    private final String token;
    private final String applicationUrl;
    private final ObjectMapper json;

    private GotifyDestination(ServiceUrl url, String basePath, String token, String applicationUrl, ObjectMapper json) {
        super(url);
        this.scheme = url.scheme().equals("gotifys") ? "https" : "http";
        this.hostAndPort = url.hostAndPort();
        this.basePath = basePath;
        this.token = token;
        this.applicationUrl = applicationUrl;
        this.json = json;
    }

    static GotifyDestination of(ServiceUrl url, NotifySettings settings, ObjectMapper json) {
        if (url.host().isEmpty()) {
            throw url.problem("the host is missing (" + url.scheme() + "://{host}[:port][/path]/{token})");
        }
        List<String> path = url.path();
        if (path.isEmpty()) {
            throw url.problem("the application token is missing (" + url.scheme() + "://{host}[:port][/path]/{token})");
        }
        StringBuilder basePath = new StringBuilder();
        path.subList(0, path.size() - 1).forEach(segment -> basePath.append('/').append(ServiceUrl.encode(segment)));
        return new GotifyDestination(url, basePath.toString(), path.get(path.size() - 1), settings.applicationUrl(), json);
    }

    @Override
    public String label() {
        return (scheme.equals("https") ? "gotifys" : "gotify") + "://" + hostAndPort + basePath + "/" + Masking.MASK;
    }

    @Override
    public String kind() {
        return "gotify";
    }

    @Override
    public List<String> secrets() {
        return List.of(token);
    }

    @Override
    public void deliver(NotifyEvent event, Outbound outbound) throws DeliveryFailure {
        requireSuccess(outbound.send(request(event)));
    }

    /** {@code POST {scheme}://{host}[/path]/message}, {@code X-Gotify-Key}, {@code {title, message, priority}}. */
    OutboundRequest request(NotifyEvent event) {
        ObjectNode body = json.createObjectNode();
        body.put("title", event.title());
        body.put("message", event.message());
        body.put("priority", priority(event.type().level()));
        if (!applicationUrl.isEmpty()) {
            body.putObject("extras").putObject("client::notification").putObject("click").put("url", applicationUrl);
        }
        return OutboundRequest.postJson(URI.create(scheme + "://" + hostAndPort + basePath + "/message"),
            Map.of("X-Gotify-Key", token), body.toString());
    }

    /** Gotify's 0..10: 8 rings loudly (a failure), 5 shows a notification (a warning), 2 stays quiet. */
    static int priority(EventType.Level level) {
        return switch (level) {
            case FAILURE -> 8;
            case WARNING -> 5;
            case SUCCESS, INFO -> 2;
        };
    }
}
