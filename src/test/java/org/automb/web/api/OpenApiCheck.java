package org.automb.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks real answers against the OpenAPI 3.0 document the service serves: finds the operation of a request by its
 * method and path template, the response by its status, and validates the body against that response's schema
 * (its {@code $ref}s resolved in {@code components/schemas}). OpenAPI 3.0's {@code nullable} is turned into JSON
 * Schema's {@code null} type, and every object schema is closed ({@code additionalProperties: false}), so a field the
 * document does not describe fails as well as a null it does not allow.
 */
final class OpenApiCheck {

    private final JsonNode document;
    private final ObjectNode components;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    OpenApiCheck(JsonNode document) {
        this.document = document;
        this.components = (ObjectNode) strict(document.get("components").deepCopy());
    }

    /** The problems with {@code exchange}'s answer; empty when the document describes it exactly. */
    List<String> problems(ApiService.Exchange exchange) {
        Optional<JsonNode> operation = operation(exchange.method(), exchange.path());
        if (operation.isEmpty()) {
            return List.of(exchange.method() + " " + exchange.path() + ": no operation in the document");
        }
        JsonNode response = operation.get().path("responses").get(String.valueOf(exchange.status()));
        if (response == null) {
            return List.of(exchange.method() + " " + exchange.path() + ": status " + exchange.status()
                + " is not documented (" + operation.get().path("responses").fieldNames() + ")");
        }
        JsonNode schema = response.path("content").path("application/json").get("schema");
        if (schema == null) {
            return exchange.body().isEmpty() ? List.of() : List.of(exchange.method() + " " + exchange.path() + ": "
                + exchange.status() + " has a body but the document gives it no schema");
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.setAll((ObjectNode) strict(schema.deepCopy()));
        root.set("components", components);
        JsonSchema validator = factory.getSchema(root);
        Set<ValidationMessage> messages = validator.validate(exchange.json());
        List<String> problems = new ArrayList<>();
        messages.forEach(m -> problems.add(exchange.method() + " " + exchange.path() + " → " + exchange.status() + ": "
            + m.getMessage()));
        return problems;
    }

    /** The operation for {@code method} on {@code path} (query left out), matched against the path templates. */
    Optional<JsonNode> operation(String method, String path) {
        String plain = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> entry = paths.next();
            String regex = Pattern.quote(entry.getKey()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            if (plain.matches(regex) && entry.getValue().has(method.toLowerCase(Locale.ROOT))) {
                return Optional.of(entry.getValue().get(method.toLowerCase(Locale.ROOT)));
            }
        }
        return Optional.empty();
    }

    /** OpenAPI 3.0 → JSON Schema: nullable as a null type, $ref with siblings wrapped, objects closed. */
    private static JsonNode strict(JsonNode node) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((ArrayNode) node).set(i, strict(node.get(i)));
            }
            return node;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode object = (ObjectNode) node;
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            object.set(name, strict(object.get(name)));
        }
        boolean nullable = object.path("nullable").asBoolean(false);
        object.remove("nullable");
        if (object.has("properties") && !object.has("additionalProperties")) {
            object.put("additionalProperties", false);
        }
        if (!nullable) {
            return object;
        }
        if (object.has("$ref") || object.has("allOf")) {
            ObjectNode either = JsonNodeFactory.instance.objectNode();
            ArrayNode anyOf = either.putArray("anyOf");
            anyOf.add(object);
            anyOf.addObject().put("type", "null");
            return either;
        }
        if (object.has("type")) {
            ArrayNode types = JsonNodeFactory.instance.arrayNode().add(object.get("type").asText()).add("null");
            object.set("type", types);
        }
        return object;
    }
}
