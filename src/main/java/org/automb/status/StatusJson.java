package org.automb.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON form of the status records, shared by {@code --status --json} and the web layer: instants as ISO-8601
 * UTC strings, days as {@code YYYY-MM-DD}, nulls written out, field names as the record components.
 */
public final class StatusJson {

    private StatusJson() {
    }

    /** A new mapper so configured; mappers are thread-safe once built, so callers keep one. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();
    }
}
