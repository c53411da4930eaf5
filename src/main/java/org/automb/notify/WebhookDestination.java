package org.automb.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.automb.config.NotifySettings;

/**
 * A WEBHOOK_URLS entry: every event it wants as JSON in the *arr convention ({@link WebhookPayload};
 * docs/notifications.md, "Webhooks"). The URL's own options ({@code events=}, {@code retries=}, {@code method=},
 * {@code +Header=value}) and its {@code user:password@} are taken out of the URL that is called.
 */
public final class WebhookDestination implements Destination {

    /** The most {@code retries=} may ask for, as NOTIFY_MAX_RETRIES. */
    static final int MAX_RETRIES = 20;

    private final URI target;
    private final String method;
    private final Map<String, String> headers;
    private final Set<EventType> events;
    private final OptionalInt retries;
    private final List<String> secrets;
    private final String instanceName;
    private final String applicationUrl;
    private final ObjectMapper json = NotifyJson.mapper();

    private WebhookDestination(URI target, String method, Map<String, String> headers, Set<EventType> events,
                               OptionalInt retries, List<String> secrets, String instanceName, String applicationUrl) {
        this.target = target;
        this.method = method;
        this.headers = Map.copyOf(headers);
        this.events = Set.copyOf(events);
        this.retries = retries;
        this.secrets = List.copyOf(secrets);
        this.instanceName = instanceName;
        this.applicationUrl = applicationUrl;
    }

    /**
     * The destination one WEBHOOK_URLS entry names.
     *
     * @throws IllegalArgumentException saying what is wrong with it, without repeating its secrets
     */
    public static Destination parse(String url, NotifySettings settings) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("must be an http:// or https:// URL with a host");
        }
        String method = "POST";
        Set<EventType> events = EventType.defaults();
        OptionalInt retries = OptionalInt.empty();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        String query = uri.getRawQuery();
        for (String pair : query == null || query.isEmpty() ? new String[0] : query.split("&")) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String name = decode(rawName);
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (name.startsWith("+") && name.length() > 1) {
                headers.put(headerName(name.substring(1)), value);
                secrets.add(value);
                continue;
            }
            switch (name.toLowerCase(Locale.ROOT)) {
                case "events" -> {
                    if (value.isBlank()) {
                        throw new IllegalArgumentException("events= is empty: name the events (failed,converted) or leave it out");
                    }
                    events = EventType.parseFilter(value);
                }
                case "retries" -> retries = OptionalInt.of(retries(value));
                case "method" -> method = method(value);
                default -> {
                    kept.add(pair);
                    if (equals >= 0) {
                        secrets.add(value);
                    }
                }
            }
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
            headers.putIfAbsent("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            secrets.add(password);
            secrets.add(userInfo);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (path.length() > 1) {
            secrets.add(path);
            secrets.add(decode(path));
        }
        if (!kept.isEmpty()) {
            secrets.add(String.join("&", kept));
        }
        URI target = URI.create(scheme + "://" + uri.getRawAuthority().substring(userInfo == null ? 0 : userInfo.length() + 1)
            + path + (kept.isEmpty() ? "" : "?" + String.join("&", kept)));
        return new WebhookDestination(target, method, headers, events, retries, secrets, settings.instanceName(),
            settings.applicationUrl());
    }

    /** A {@code +Header} name: an HTTP token, and none of Camel's own headers (which would steer the request). */
    private static String headerName(String name) {
        if (!name.matches("[A-Za-z0-9!#$%&'*.^_`|~-]+")) {
            throw new IllegalArgumentException("+" + name + "= is not a valid header name");
        }
        if (name.toLowerCase(Locale.ROOT).startsWith("camel")) {
            throw new IllegalArgumentException("+" + name + "= is not allowed: headers starting with Camel are the service's own");
        }
        return name;
    }

    private static int retries(String value) {
        try {
            int retries = Integer.parseInt(value.trim());
            if (retries >= 0 && retries <= MAX_RETRIES) {
                return retries;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("retries=" + value + " must be a whole number from 0 to " + MAX_RETRIES);
    }

    private static String method(String value) {
        String method = value.trim().toUpperCase(Locale.ROOT);
        if (!method.equals("POST") && !method.equals("PUT")) {
            throw new IllegalArgumentException("method=" + value + " must be POST or PUT");
        }
        return method;
    }

    /** Percent-decoding only: a {@code +} stays a plus (it marks a header name), as in Apprise's URLs. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            throw new IllegalArgumentException("has a broken %-escape");
        }
    }

    /** {@code https://host[:port]/***}, with the method in front when it is not POST. */
    @Override
    public String label() {
        return (method.equals("POST") ? "" : method + " ") + Masking.url(target);
    }

    @Override
    public String kind() {
        return "webhook";
    }

    @Override
    public boolean wants(EventType type) {
        return events.contains(type);
    }

    @Override
    public OptionalInt maxRetries() {
        return retries;
    }

    @Override
    public List<String> secrets() {
        return secrets;
    }

    /** The body sent for {@code event}. */
    String body(NotifyEvent event) {
        try {
            return json.writeValueAsString(WebhookPayload.of(event, instanceName, applicationUrl));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the webhook body of event " + event.id() + " cannot be written", e);
        }
    }

    @Override
    public void deliver(NotifyEvent event, Outbound outbound) throws DeliveryFailure {
        outbound.send(new OutboundRequest(method, target, headers, body(event), "application/json")).requireSuccess();
    }
}
