package org.automb.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import org.apache.camel.Body;

/**
 * The JSON of the API, in and out, through the one mapper of the status documents (status.StatusJson), so the API,
 * the events and {@code --status --json} write the same fields the same way.
 */
public final class ApiJson {

    private final ObjectMapper mapper;

    public ApiJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The answer's body as JSON text. */
    public String write(@Body Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A request body as a JSON object; an absent or blank body is an empty object. Anything that is not a JSON
     * object is an {@link IllegalArgumentException} (answered 400).
     */
    public JsonNode readObject(String body) {
        if (body == null || body.isBlank()) {
            return mapper.createObjectNode();
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the request body must be a JSON object");
        }
        return node;
    }

    /** A text field of a request body: null when absent or null, refused when it is not text. */
    public static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + ": must be a string");
        }
        return value.asText();
    }
}
