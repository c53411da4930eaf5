package org.automb.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.automb.config.NotifySettings.LibraryServer;

/**
 * A library server asked to pick up each delivered or re-tagged book: what Audiobookshelf, Plex and Jellyfin share.
 * An event without a file (none was delivered) is not wanted: nothing is sent, and no delivery is recorded;
 * {@link EventType#TEST} sends a harmless authenticated read that proves the URL and the token.
 */
abstract class LibraryServerDestination implements Destination {

    private static final Set<EventType> EVENTS = Set.of(EventType.BOOK_CONVERTED, EventType.BOOK_TAGGED, EventType.TEST);

    protected final LibraryServer server;
    protected final LibraryPathMap pathMap;
    protected final ObjectMapper json = NotifyJson.mapper();

    LibraryServerDestination(LibraryServer server, LibraryPathMap pathMap) {
        this.server = server;
        this.pathMap = pathMap;
    }

    /** Asks the server to pick up the book at {@code path} (this service's path of the m4b, not yet mapped). */
    abstract void refresh(String path, Outbound outbound) throws DeliveryFailure;

    /** Proves the URL and the token with a read that changes nothing. */
    abstract void test(Outbound outbound) throws DeliveryFailure;

    @Override
    public final void deliver(NotifyEvent event, Outbound outbound) throws DeliveryFailure {
        if (event.type() == EventType.TEST) {
            test(outbound);
        } else if (hasFile(event)) {
            refresh(event.file().path(), outbound);
        }
    }

    /** The server's host, never its token: {@code http://abs:13378/***}. */
    @Override
    public String label() {
        return Masking.url(URI.create(server.url()));
    }

    @Override
    public boolean wants(EventType type) {
        return EVENTS.contains(type);
    }

    @Override
    public boolean wants(NotifyEvent event) {
        return wants(event.type()) && (event.type() == EventType.TEST || hasFile(event));
    }

    private static boolean hasFile(NotifyEvent event) {
        return event.file() != null && event.file().path() != null;
    }

    @Override
    public List<String> secrets() {
        return List.of(server.token());
    }

    /** The server's URL with {@code path} (already encoded) after its base. */
    URI uri(String path) {
        return URI.create(server.url() + path);
    }

    /** One path segment or query value, percent-encoded ({@code %20} for a space, which every server reads). */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A GET of JSON; an unsuccessful answer fails as {@code doing} failed. */
    JsonNode getJson(Outbound outbound, String path, Map<String, String> headers, String doing) throws DeliveryFailure {
        HttpReply reply = send(outbound, new OutboundRequest("GET", uri(path), headers, null, null), doing);
        try {
            return json.readTree(reply.body());
        } catch (JsonProcessingException e) {
            throw DeliveryFailure.refused(doing + ": the answer is not JSON (is the URL the server's?)", reply.status());
        }
    }

    /** Sends {@code request}, whatever the answer; no answer fails with {@code doing} in front. */
    static HttpReply sendOrFail(Outbound outbound, OutboundRequest request, String doing) throws DeliveryFailure {
        try {
            return outbound.send(request);
        } catch (DeliveryFailure failure) {
            throw during(doing, failure);
        }
    }

    /** Sends {@code request}; no answer or an unsuccessful one fails with {@code doing} in front. */
    static HttpReply send(Outbound outbound, OutboundRequest request, String doing) throws DeliveryFailure {
        return require(sendOrFail(outbound, request, doing), doing);
    }

    /** {@code reply} when it is a success; else its failure with {@code doing} in front. */
    static HttpReply require(HttpReply reply, String doing) throws DeliveryFailure {
        try {
            return reply.requireSuccess();
        } catch (DeliveryFailure failure) {
            throw during(doing, failure);
        }
    }

    private static DeliveryFailure during(String doing, DeliveryFailure failure) {
        return new DeliveryFailure(doing + ": " + failure.getMessage(), failure.retryable(),
            failure.retryAfter().orElse(null), failure.statusCode().orElse(null));
    }
}
