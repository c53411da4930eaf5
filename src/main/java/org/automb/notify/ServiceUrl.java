package org.automb.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One NOTIFY_URLS entry taken apart (java.net.URI, then percent-decoded), for the service that reads it. Parsed by
 * hand past the scheme because Apprise's URLs put tokens where URLs put hosts ({@code pover://user@token},
 * {@code tgram://123:ABC/chat}). Every problem is reported by {@link #problem(String)}, which names the scheme and
 * never repeats the URL (its tokens).
 */
final class ServiceUrl {

    private final String scheme;
    private final String rawAuthority;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final List<String> path;
    private final Map<String, String> query;
    private final Set<EventType> events;
    private final OptionalInt retries;

    private ServiceUrl(String scheme, String rawAuthority, String user, String password, String host, int port,
                       List<String> path, Map<String, String> query) {
        this.scheme = scheme;
        this.rawAuthority = rawAuthority;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.path = List.copyOf(path);
        this.query = Map.copyOf(query);
        this.events = parseEvents();
        this.retries = parseRetries();
    }

    /**
     * Takes a URL apart.
     *
     * @throws IllegalArgumentException when it has no scheme, is not a URL, or its events= or retries= are wrong
     */
    static ServiceUrl parse(String url) {
        String text = url == null ? "" : url.strip();
        int separator = text.indexOf("://");
        if (separator <= 0 || !text.substring(0, separator).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            throw new IllegalArgumentException("a notification URL must start with a service's scheme, such as "
                + "discord://, pover://, ntfys://, gotifys://, tgram://, mailtos://, jsons:// or apprises://");
        }
        String scheme = text.substring(0, separator).toLowerCase(Locale.ROOT);
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            // the reason and position only: the input holds the tokens
            throw new IllegalArgumentException(scheme + ":// URL is not a valid URL (" + e.getReason()
                + " at character " + (e.getIndex() + 1) + "; percent-encode special characters in tokens and passwords)");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw new IllegalArgumentException(scheme + ":// URL has nothing after " + scheme + "://");
        }
        String user = "";
        String password = null;
        String hostPort = authority;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            hostPort = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String host = hostPort;
        int port = -1;
        int colon = hostPort.lastIndexOf(':');
        if (colon > hostPort.lastIndexOf(']') && hostPort.substring(colon + 1).matches("\\d{1,5}")) {
            host = hostPort.substring(0, colon);
            port = Integer.parseInt(hostPort.substring(colon + 1));
        }
        List<String> path = new ArrayList<>();
        if (uri.getRawPath() != null) {
            for (String segment : uri.getRawPath().split("/")) {
                if (!segment.isEmpty()) {
                    path.add(decode(segment));
                }
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                // +Header=value keeps its case (it becomes an HTTP header); the rest are Apprise's lower-case options
                query.put(name.startsWith("+") ? name : name.toLowerCase(Locale.ROOT), value);
            }
        }
        return new ServiceUrl(scheme, authority, user, password, decode(host), port, path, query);
    }

    /** Percent-decoding only: a {@code +} stays a plus (tokens, passwords and mail addresses hold them). */
    static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return raw;
        }
    }

    /** A path segment percent-encoded again (a space as %20; {@code :} and {@code @} stay, as paths allow). */
    static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":")
            .replace("%40", "@");
    }

    /** An error about this URL: {@code discord:// URL: what}. {@code what} must not hold a secret. */
    IllegalArgumentException problem(String what) {
        return new IllegalArgumentException(scheme + ":// URL: " + what);
    }

    private Set<EventType> parseEvents() {
        Optional<String> filter = option("events");
        if (filter.isEmpty()) {
            return EventType.defaults();
        }
        try {
            return EventType.parseFilter(filter.get());
        } catch (IllegalArgumentException e) {
            throw problem("?events=: " + e.getMessage());
        }
    }

    private OptionalInt parseRetries() {
        Optional<String> value = option("retries");
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        // the same range as NOTIFY_MAX_RETRIES
        if (!value.get().matches("\\d{1,2}") || Integer.parseInt(value.get()) > 20) {
            throw problem("?retries= must be a whole number from 0 to 20, not '" + value.get() + "'");
        }
        return OptionalInt.of(Integer.parseInt(value.get()));
    }

    String scheme() {
        return scheme;
    }

    /** The authority as written, undecoded (Telegram's bot token lives there, colon and all). */
    String rawAuthority() {
        return rawAuthority;
    }

    /** The user part of {@code user:password@}, decoded; "" when none. */
    String user() {
        return user;
    }

    /** The password of {@code user:password@}, decoded; empty when there was no colon. */
    Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The host (or, for some services, a token in its place), decoded. */
    String host() {
        return host;
    }

    /** The port; -1 when none was given. */
    int port() {
        return port;
    }

    /** The path's non-empty segments, decoded. */
    List<String> path() {
        return path;
    }

    /** A query option ({@code ?to=}), by its lower-case name. */
    Optional<String> option(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** {@code +Header=value} options: extra HTTP headers, as Apprise's json:// takes them. */
    Map<String, String> extraHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        query.forEach((name, value) -> {
            if (name.startsWith("+") && name.length() > 1) {
                headers.put(name.substring(1), value);
            }
        });
        return headers;
    }

    /** Its {@code ?events=} filter; {@link EventType#defaults()} without one. */
    Set<EventType> events() {
        return events;
    }

    /** Its {@code ?retries=}; empty = NOTIFY_MAX_RETRIES. */
    OptionalInt retries() {
        return retries;
    }

    /** {@code host[:port]} as people may see it. */
    String hostAndPort() {
        return host + (port < 0 ? "" : ":" + port);
    }
}
