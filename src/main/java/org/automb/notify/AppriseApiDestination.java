package org.automb.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automb.config.NotifySettings;

/**
 * A user's own Apprise API server ({@code apprise://} over http, {@code apprises://} over https,
 * {@code [{user}:{password}@]{host}[:port][/path]/{key}[?tags=...]}): {@code POST /notify/{key}} with
 * {@code {title, body, type, format:"text"[, tag]}}; the server passes it on to every service its configuration names.
 */
final class AppriseApiDestination extends ServiceDestination {

    private final String scheme;
    private final String hostAndPort;
    private final String basePath;
    private final String key;
    private final String user;
    private final String password;
    private final String tags;
    private final ObjectMapper json;

    private AppriseApiDestination(ServiceUrl url, String basePath, String key, String tags, ObjectMapper json) {
        super(url);
        this.scheme = url.scheme().equals("apprises") ? "https" : "http";
        this.hostAndPort = url.hostAndPort();
        this.basePath = basePath;
        this.key = key;
        this.user = url.user();
        this.password = url.password().orElse("");
        this.tags = tags;
        this.json = json;
    }

    static AppriseApiDestination of(ServiceUrl url, NotifySettings settings, ObjectMapper json) {
        if (url.host().isEmpty()) {
            throw url.problem("the host is missing (" + url.scheme() + "://{host}[:port]/{key})");
        }
        List<String> path = url.path();
        if (path.isEmpty()) {
            throw url.problem("the configuration key is missing (" + url.scheme() + "://{host}[:port]/{key})");
        }
        StringBuilder basePath = new StringBuilder();
        path.subList(0, path.size() - 1).forEach(segment -> basePath.append('/').append(ServiceUrl.encode(segment)));
        String tags = url.option("tags").or(() -> url.option("tag")).orElse("").strip();
        return new AppriseApiDestination(url, basePath.toString(), path.get(path.size() - 1), tags, json);
    }

    @Override
    public String label() {
        return (scheme.equals("https") ? "apprises" : "apprise") + "://"
            + (user.isEmpty() ? "" : user + ":" + Masking.MASK + "@") + hostAndPort + basePath + "/" + Masking.MASK
            + (tags.isEmpty() ? "" : "?tags=" + tags);
    }

    @Override
    public String kind() {
        return "apprise";
    }

    @Override
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>(List.of(key));
        if (!password.isEmpty()) {
            secrets.add(password);
        }
        return List.copyOf(secrets);
    }

    @Override
    public void deliver(NotifyEvent event, Outbound outbound) throws DeliveryFailure {
        HttpReply reply = outbound.send(request(event));
        if (reply.status() == 424) {
            // Apprise's "failed dependency": it reached some of its services, not all; sending again would repeat
            // the message to those it did reach
            throw DeliveryFailure.refused("HTTP 424: the Apprise server could not reach one or more of the services "
                + "it notifies (see its log)", 424);
        }
        requireSuccess(reply);
    }

    /** {@code POST {scheme}://{host}[:port][/path]/notify/{key}} with {@code {title, body, type, format[, tag]}}. */
    OutboundRequest request(NotifyEvent event) {
        ObjectNode body = json.createObjectNode();
        body.put("title", event.title());
        body.put("body", event.message());
        body.put("type", event.type().level().code());
        body.put("format", "text");
        if (!tags.isEmpty()) {
            body.put("tag", tags);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (!user.isEmpty() || !password.isEmpty()) {
            headers.put("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return OutboundRequest.postJson(URI.create(scheme + "://" + hostAndPort + basePath + "/notify/"
            + ServiceUrl.encode(key)), headers, body.toString());
    }
}
