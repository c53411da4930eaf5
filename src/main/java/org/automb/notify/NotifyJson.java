package org.automb.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON of the notify package: bodies sent to webhooks and services (nulls left out, as the *arr apps send
 * theirs) and the answers read from library servers (unknown fields ignored). Its own mapper, because
 * {@code status.StatusJson} sits in a layer above and writes nulls.
 */
public final class NotifyJson {

    private NotifyJson() {
    }

    /** A new mapper so configured; mappers are thread-safe once built, so callers keep one. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    }
}
