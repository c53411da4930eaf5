package org.automb.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Reads the Audible catalog's JSON ({@code {"product": {...}}} and {@code {"products": [...]}}) into products. */
final class AudibleJson {

    private final ObjectMapper mapper;

    AudibleJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The product of a {@code /1.0/catalog/products/{asin}} response; empty when it has no title (the catalog answers
     * so for an ASIN not sold in the region).
     *
     * @throws MetadataUnavailableException when the body is not the JSON expected
     */
    Optional<AudibleProduct> product(String json, Region region, String what) {
        JsonNode product = tree(json, what).path("product");
        if (!product.isObject()) {
            throw new MetadataUnavailableException("Audible's answer for " + what + " has no product");
        }
        return product(product, region);
    }

    /**
     * The products of a {@code /1.0/catalog/products?...} search response, in the catalog's order, those without a
     * title left out.
     *
     * @throws MetadataUnavailableException when the body is not the JSON expected
     */
    List<AudibleProduct> products(String json, Region region, String what) {
        JsonNode products = tree(json, what).path("products");
        if (products.isMissingNode() || products.isNull()) {
            return List.of();
        }
        if (!products.isArray()) {
            throw new MetadataUnavailableException("Audible's answer for " + what + " has no product list");
        }
        List<AudibleProduct> result = new ArrayList<>();
        products.forEach(p -> product(p, region).ifPresent(result::add));
        return result;
    }

    /** Checks that {@code json} is a JSON object, so nothing unreadable is ever cached. */
    void check(String json, String what) {
        tree(json, what);
    }

    private JsonNode tree(String json, String what) {
        return object(mapper, json, "Audible", what);
    }

    /** {@code body} as a JSON object, else a {@link MetadataUnavailableException} naming the service and the call. */
    static JsonNode object(ObjectMapper mapper, String body, String service, String what) {
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || !root.isObject()) {
                throw new MetadataUnavailableException(service + "'s answer for " + what + " is not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new MetadataUnavailableException(service + "'s answer for " + what + " is not valid JSON", e);
        }
    }

    private static Optional<AudibleProduct> product(JsonNode p, Region region) {
        String title = text(p, "title");
        if (title.isBlank()) {
            return Optional.empty();
        }
        String releaseDate = text(p, "release_date");
        return Optional.of(new AudibleProduct(region, text(p, "asin"), title, text(p, "subtitle"),
            names(p.path("authors")), names(p.path("narrators")), text(p, "publisher_name"),
            text(p, "publisher_summary"), releaseDate.isEmpty() ? text(p, "issue_date") : releaseDate,
            text(p, "language").toLowerCase(java.util.Locale.ROOT), p.path("runtime_length_min").asInt(0),
            text(p, "copyright"), text(p, "isbn"), p.path("is_adult_product").asBoolean(false), series(p.path("series")),
            genres(p.path("category_ladders")), images(p.path("product_images"))));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText().trim() : "";
    }

    private static List<String> names(JsonNode people) {
        Set<String> names = new LinkedHashSet<>();
        people.forEach(person -> {
            String name = text(person, "name");
            if (!name.isEmpty()) {
                names.add(name);
            }
        });
        return List.copyOf(names);
    }

    private static List<AudibleProduct.Series> series(JsonNode series) {
        List<AudibleProduct.Series> result = new ArrayList<>();
        series.forEach(s -> {
            String title = text(s, "title");
            if (!title.isEmpty()) {
                result.add(new AudibleProduct.Series(text(s, "asin"), title, text(s, "sequence")));
            }
        });
        return result;
    }

    /** Every ladder's names, first ladder first, each name once ("Fiction" heads many ladders). */
    private static List<String> genres(JsonNode ladders) {
        Set<String> genres = new LinkedHashSet<>();
        ladders.forEach(ladder -> ladder.path("ladder").forEach(rung -> {
            String name = text(rung, "name");
            if (!name.isEmpty()) {
                genres.add(name);
            }
        }));
        return List.copyOf(genres);
    }

    private static Map<Integer, String> images(JsonNode images) {
        Map<Integer, String> result = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = images.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> image = it.next();
            String url = image.getValue().asText("").trim();
            if (image.getKey().matches("\\d{1,6}") && !url.isEmpty()) {
                result.put(Integer.parseInt(image.getKey()), url);
            }
        }
        return result;
    }
}
