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
 * Apprise's generic JSON ({@code json://} over http, {@code jsons://} over https,
 * {@code [{user}:{password}@]{host}[:port][/path]}): {@code POST} of {@code {"version":"1.0","title","message","type"}}
 * with {@code type} = info, success, warning or failure; {@code +Header=value} options become request headers.
 */
final class AppriseJsonDestination extends ServiceDestination {

    private final String scheme;
    private final String hostAndPort;
    private final String path;
    private final String user;
    private final String password;
    private final Map<String, String> extraHeaders;
    private final ObjectMapper json;

    private AppriseJsonDestination(ServiceUrl url, String path, ObjectMapper json) {
        super(url);
        this.scheme = url.scheme().equals("jsons") ? "https" : "http";
        this.hostAndPort = url.hostAndPort();
        this.path = path;
        this.user = url.user();
        this.password = url.password().orElse("");
        this.extraHeaders = Map.copyOf(url.extraHeaders());
        this.json = json;
    }

    static AppriseJsonDestination of(ServiceUrl url, NotifySettings settings, ObjectMapper json) {
        if (url.host().isEmpty()) {
            throw url.problem("the host is missing (" + url.scheme() + "://{host}[:port]/{path})");
        }
        StringBuilder path = new StringBuilder();
        url.path().forEach(segment -> path.append('/').append(ServiceUrl.encode(segment)));
        return new AppriseJsonDestination(url, path.length() == 0 ? "/" : path.toString(), json);
    }

    @Override
    public String label() {
        return (scheme.equals("https") ? "jsons" : "json") + "://" + (user.isEmpty() ? "" : user + ":" + Masking.MASK + "@")
            + hostAndPort + (path.equals("/") ? "" : "/" + Masking.MASK);
    }

    @Override
    public String kind() {
        return "json";
    }

    /** The password, the path (it often holds a key) and the extra headers' values (often tokens). */
    @Override
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        if (!password.isEmpty()) {
            secrets.add(password);
        }
        if (path.length() > 1) {
            secrets.add(path.substring(1));
        }
        secrets.addAll(extraHeaders.values());
        return List.copyOf(secrets);
    }

    @Override
    public void deliver(NotifyEvent event, Outbound outbound) throws DeliveryFailure {
        requireSuccess(outbound.send(request(event)));
    }

    /** {@code POST {scheme}://{host}[:port]/{path}} with Apprise's JSON. */
    OutboundRequest request(NotifyEvent event) {
        ObjectNode body = json.createObjectNode();
        body.put("version", "1.0");
        body.put("title", event.title());
        body.put("message", event.message());
        body.put("type", event.type().level().code());
        Map<String, String> headers = new LinkedHashMap<>();
        if (!user.isEmpty() || !password.isEmpty()) {
            headers.put("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        headers.putAll(extraHeaders);
        return OutboundRequest.postJson(URI.create(scheme + "://" + hostAndPort + path), headers, body.toString());
    }
}
