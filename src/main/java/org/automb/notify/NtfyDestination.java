package org.automb.notify;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automb.config.NotifySettings;

/**
 * ntfy ({@code ntfy://} over http, {@code ntfys://} over https, {@code [{user}:{password}@|{token}@]{host}[:port]/{topic}},
 * or Apprise's short {@code ntfy://{topic}} for ntfy.sh): the message as the body, {@code X-Title},
 * {@code X-Priority} and {@code X-Tags} by level, {@code X-Click} to APPLICATION_URL when it is set.
 */
final class NtfyDestination extends ServiceDestination {

    /** ntfy turns a longer body into an attachment (server default message-size-limit, 4 KB). */
    static final int MESSAGE_MAX_BYTES = 4096;
    static final String PUBLIC_SERVER = "ntfy.sh";

    private final String scheme;
    private final String hostAndPort;
    private final String topic;
    private final String user;
    private final String password;
    private final String token;
    private final String applicationUrl;

    private NtfyDestination(ServiceUrl url, String scheme, String hostAndPort, String topic, String applicationUrl) {
        super(url);
        this.scheme = scheme;
        this.hostAndPort = hostAndPort;
        this.topic = topic;
        boolean basic = url.password().isPresent();
        this.user = basic ? url.user() : "";
        this.password = url.password().orElse("");
        this.token = basic ? "" : url.user();
        this.applicationUrl = applicationUrl;
    }

    static NtfyDestination of(ServiceUrl url, NotifySettings settings) {
        List<String> path = url.path();
        if (path.isEmpty()) {
            // a host without a topic must not become a topic of that name on the public server
            if (url.port() >= 0 || !url.user().isEmpty() || !url.host().matches("[-_A-Za-z0-9]{1,64}")) {
                throw url.problem("the topic is missing (" + url.scheme() + "://{host}/{topic})");
            }
            // Apprise's ntfy://{topic}: a topic on the public server, always over https
            return new NtfyDestination(url, "https", PUBLIC_SERVER, url.host(), settings.applicationUrl());
        }
        if (path.size() > 1) {
            throw url.problem("one topic per URL (" + url.scheme() + "://{host}/{topic}); add a URL per topic");
        }
        if (url.host().isEmpty()) {
            throw url.problem("the host is missing (" + url.scheme() + "://{host}/{topic})");
        }
        return new NtfyDestination(url, url.scheme().equals("ntfys") ? "https" : "http", url.hostAndPort(),
            path.get(0), settings.applicationUrl());
    }

    @Override
    public String label() {
        return (scheme.equals("https") ? "ntfys" : "ntfy") + "://" + (user.isEmpty() ? "" : user + ":" + Masking.MASK + "@")
            + (token.isEmpty() ? "" : Masking.MASK + "@") + hostAndPort + "/" + Masking.MASK;
    }

    @Override
    public String kind() {
        return "ntfy";
    }

    /** The topic is one too: on a public server whoever knows it reads the messages. */
    @Override
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>(List.of(topic));
        if (!password.isEmpty()) {
            secrets.add(password);
        }
        if (!token.isEmpty()) {
            secrets.add(token);
        }
        return List.copyOf(secrets);
    }

    @Override
    public void deliver(NotifyEvent event, Outbound outbound) throws DeliveryFailure {
        requireSuccess(outbound.send(request(event)));
    }

    /** {@code POST {scheme}://{host}/{topic}}, the message as the body, the rest in ntfy's headers. */
    OutboundRequest request(NotifyEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Title", header(event.title()));
        headers.put("X-Priority", priority(event.type().level()));
        headers.put("X-Tags", tag(event.type().level()) + "," + event.type().code());
        if (!applicationUrl.isEmpty()) {
            headers.put("X-Click", applicationUrl);
        }
        if (!password.isEmpty() || !user.isEmpty()) {
            headers.put("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        } else if (!token.isEmpty()) {
            headers.put("Authorization", "Bearer " + token);
        }
        URI uri = URI.create(scheme + "://" + hostAndPort + "/" + ServiceUrl.encode(topic));
        String body = NoticeText.cutUtf8(java.util.Objects.toString(event.message(), ""), MESSAGE_MAX_BYTES);
        return new OutboundRequest("POST", uri, headers, body, "text/plain; charset=utf-8");
    }

    /** ntfy's priority names: a failure is high, a success or warning default, news low. */
    static String priority(EventType.Level level) {
        return switch (level) {
            case FAILURE -> "high";
            case WARNING, SUCCESS -> "default";
            case INFO -> "low";
        };
    }

    /** The emoji tag ntfy shows before the title. */
    static String tag(EventType.Level level) {
        return switch (level) {
            case SUCCESS -> "white_check_mark";
            case WARNING -> "warning";
            case FAILURE -> "x";
            case INFO -> "information_source";
        };
    }

    /** HTTP headers carry ASCII only: other text as an RFC 2047 encoded word, which ntfy (2.4.0 and later) decodes. */
    static String header(String text) {
        String line = text == null ? "" : text.replaceAll("[\\r\\n]+", " ");
        if (line.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return line;
        }
        try {
            return MimeUtility.encodeText(line, "UTF-8", "B");
        } catch (UnsupportedEncodingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
