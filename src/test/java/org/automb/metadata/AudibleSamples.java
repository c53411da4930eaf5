package org.automb.metadata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Catalog and Audnexus bodies in the services' real shapes, and clients pointed at a local server, for tests. */
public final class AudibleSamples {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String USER_AGENT = PoliteHttp.userAgent("9.8.7", "https://example.org/auto-m4b");

    private AudibleSamples() {
    }

    /** A test resource under {@code audible/}, {@code {{IMAGES}}} replaced by {@code imagesBase}. */
    public static String resource(String name, String imagesBase) {
        try (InputStream in = AudibleSamples.class.getResourceAsStream("/audible/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource audible/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{IMAGES}}", imagesBase);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One catalog product as the API gives it, with the fields named; {@code more} adds or changes fields. */
    public static ObjectNode product(String asin, String title, String author, String narrator, int runtimeMinutes,
                              Consumer<ObjectNode> more) {
        ObjectNode p = JSON.createObjectNode();
        p.put("asin", asin);
        p.put("title", title);
        p.putArray("authors").addObject().put("name", author);
        p.putArray("narrators").addObject().put("name", narrator);
        p.put("publisher_name", "Some Publisher");
        p.put("publisher_summary", "<p>About " + title + ".</p>");
        p.put("release_date", "2020-01-02");
        p.put("language", "english");
        p.put("runtime_length_min", runtimeMinutes);
        p.put("is_adult_product", false);
        p.putArray("series");
        ObjectNode ladder = p.putArray("category_ladders").addObject();
        ladder.put("root", "Genres");
        ladder.putArray("ladder").addObject().put("id", "1").put("name", "Literature & Fiction");
        p.putObject("product_images").put("500", "https://m.media-amazon.com/images/I/" + asin + "._SL500_.jpg");
        more.accept(p);
        return p;
    }

    public static ObjectNode product(String asin, String title, String author, String narrator, int runtimeMinutes) {
        return product(asin, title, author, narrator, runtimeMinutes, p -> { });
    }

    /** {@code {"product": ...}}: the answer to {@code /1.0/catalog/products/{asin}}. */
    public static String productResponse(ObjectNode product) {
        ObjectNode root = JSON.createObjectNode();
        root.set("product", product);
        root.putArray("response_groups").add("always-returned");
        return root.toString();
    }

    /** {@code {"products": [...], "total_results": n}}: the answer to a search. */
    public static String searchResponse(List<ObjectNode> products) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("products");
        products.forEach(list::add);
        root.put("total_results", products.size());
        return root.toString();
    }

    /** Audnexus's chapters of {@code asin}: {@code count} chapters of {@code lengthMs} each. */
    public static String chaptersResponse(String asin, int count, long lengthMs) {
        ObjectNode root = JSON.createObjectNode();
        root.put("asin", asin);
        root.put("brandIntroDurationMs", 2000);
        root.put("brandOutroDurationMs", 5000);
        ArrayNode chapters = root.putArray("chapters");
        for (int i = 0; i < count; i++) {
            chapters.addObject().put("lengthMs", lengthMs).put("startOffsetMs", i * lengthMs)
                .put("startOffsetSec", i * lengthMs / 1000).put("title", "Chapter " + (i + 1));
        }
        root.put("isAccurate", true);
        root.put("runtimeLengthMs", count * lengthMs);
        root.put("runtimeLengthSec", count * lengthMs / 1000);
        return root.toString();
    }

    /** Polite HTTP with no rate limit, for tests that are not about it. */
    public static PoliteHttp http(String service, Duration timeout, Sleeper sleeper) {
        return new PoliteHttp(service, PoliteHttp.Options.of(USER_AGENT, timeout),
            new RateLimiter(Duration.ZERO, System::nanoTime, sleeper), sleeper, Clock.systemUTC());
    }

    public static AudibleClient audible(String baseUrl, Sleeper sleeper) {
        return new AudibleClient(http("Audible", Duration.ofSeconds(5), sleeper), AudibleClient.baseUrls(baseUrl), JSON);
    }

    public static AudnexusClient audnexus(String baseUrl, Sleeper sleeper) {
        return new AudnexusClient(http("Audnexus", Duration.ofSeconds(5), sleeper), baseUrl, JSON);
    }
}
