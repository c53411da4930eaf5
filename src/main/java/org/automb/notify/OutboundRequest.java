package org.automb.notify;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request to send.
 *
 * @param method      {@code GET}, {@code POST}, {@code PUT}
 * @param uri         the whole URL, query included (it may hold secrets: never log it, see {@link #toString()})
 * @param headers     request headers, in order (Authorization and the like are secrets too)
 * @param body        the body; null for none
 * @param contentType the body's media type ({@code application/json}, {@code application/x-www-form-urlencoded},
 *                    {@code text/plain; charset=utf-8}); null for no body
 */
public record OutboundRequest(String method, URI uri, Map<String, String> headers, String body, String contentType) {

    public OutboundRequest {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A JSON POST. */
    public static OutboundRequest postJson(URI uri, Map<String, String> headers, String json) {
        return new OutboundRequest("POST", uri, headers, json, "application/json");
    }

    /** Method and host only: the path, query and headers may hold tokens. */
    @Override
    public String toString() {
        return method + " " + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
            + "/…";
    }
}
