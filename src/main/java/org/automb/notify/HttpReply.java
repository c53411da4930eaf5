package org.automb.notify;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The answer to an {@link OutboundRequest}.
 *
 * @param status  the HTTP status
 * @param headers the response headers (looked up in any case by {@link #header(String)})
 * @param body    the body as text; "" when there was none
 */
public record HttpReply(int status, Map<String, String> headers, String body) {

    public HttpReply {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body == null ? "" : body;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)))
            .or(() -> Optional.ofNullable(headers.get(name)));
    }

    /**
     * This reply, when it is a success.
     *
     * @throws DeliveryFailure otherwise: retryable for 408, 425, 429 and 5xx (with the Retry-After it gave),
     *                         permanent for the other statuses
     */
    public HttpReply requireSuccess() throws DeliveryFailure {
        if (isSuccess()) {
            return this;
        }
        throw DeliveryFailure.ofStatus(this);
    }
}
