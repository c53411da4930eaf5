package org.automb.metadata;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public Audible catalog API (no credentials): a product by ASIN, a search by title and author, and cover images.
 * Each call is one polite request ({@link PoliteHttp}); the {@code ...Json} methods give the raw body for the cache,
 * already checked to be JSON, and {@link #parseProduct}/{@link #parseSearch} read it.
 */
public final class AudibleClient {

    /** What the product and search calls ask for: everything the tags need. */
    static final String RESPONSE_GROUPS = "category_ladders,contributors,media,product_attrs,product_desc,"
        + "product_details,product_extended_attrs,rating,series";
    static final String IMAGE_SIZES = "500,1024";
    static final int SEARCH_RESULTS = 10;

    private final PoliteHttp http;
    private final Map<Region, String> baseUrls;
    private final AudibleJson json;

    /**
     * @param baseUrls the API base of each region ({@link #baseUrls(String)}); a region missing from it uses
     *                 {@link Region#apiBaseUrl()}
     */
    public AudibleClient(PoliteHttp http, Map<Region, String> baseUrls, ObjectMapper mapper) {
        this.http = http;
        this.baseUrls = Map.copyOf(baseUrls);
        this.json = new AudibleJson(mapper);
    }

    /**
     * The client as the service runs it: real time, every region's base from {@link #baseUrls(String)}.
     *
     * @param userAgent         {@link PoliteHttp#userAgent(String, String)}
     * @param timeout           {@code METADATA_TIMEOUT} (default 15 s)
     * @param requestsPerSecond {@code AUDIBLE_RATE} (default 2), shared by every thread using this client
     * @param apiUrlOverride    {@code AUDIBLE_API_URL}; blank for each region's own host
     */
    public static AudibleClient create(String userAgent, Duration timeout, double requestsPerSecond,
                                       String apiUrlOverride, ObjectMapper mapper) {
        Sleeper sleeper = Sleeper.real();
        PoliteHttp http = new PoliteHttp("Audible", PoliteHttp.Options.of(userAgent, timeout),
            RateLimiter.perSecond(requestsPerSecond, sleeper), sleeper, Clock.systemUTC());
        return new AudibleClient(http, baseUrls(apiUrlOverride), mapper);
    }

    /**
     * Every region's API base: {@code override} for all of them when it is not blank ({@code AUDIBLE_API_URL}, set
     * by tests and proxies), else each region's own {@link Region#apiBaseUrl()}.
     */
    public static Map<Region, String> baseUrls(String override) {
        Map<Region, String> urls = new EnumMap<>(Region.class);
        Arrays.stream(Region.values()).forEach(region -> urls.put(region,
            override == null || override.isBlank() ? region.apiBaseUrl() : override.trim()));
        return urls;
    }

    /**
     * The raw product response for {@code asin} in {@code region}.
     *
     * @return the JSON, or empty when the catalog does not know the ASIN (404)
     * @throws MetadataUnavailableException when the catalog cannot answer now or answers something unreadable
     */
    public Optional<String> productJson(String asin, Region region) {
        String what = "product " + asin + " (" + region.code() + ")";
        URI uri = URI.create(base(region) + "/1.0/catalog/products/" + encode(asin)
            + "?response_groups=" + RESPONSE_GROUPS + "&image_sizes=" + IMAGE_SIZES);
        return body(uri, what);
    }

    /**
     * The product with {@code asin}, empty when the catalog does not have it in {@code region}.
     *
     * @throws MetadataUnavailableException when the catalog cannot answer now or answers something unreadable
     */
    public Optional<AudibleProduct> product(String asin, Region region) {
        return productJson(asin, region).flatMap(body -> parseProduct(body, region));
    }

    /** Reads a {@link #productJson} response; empty when it holds no titled product. */
    public Optional<AudibleProduct> parseProduct(String body, Region region) {
        return json.product(body, region, "a product (" + region.code() + ")");
    }

    /**
     * The raw search response for {@code title} and {@code author} (left out when blank), by relevance.
     *
     * @throws MetadataUnavailableException when the catalog cannot answer now or answers something unreadable
     */
    public String searchJson(String title, String author, Region region) {
        String what = "a search (" + region.code() + ")";
        StringBuilder query = new StringBuilder("?title=").append(encode(title));
        if (author != null && !author.isBlank()) {
            query.append("&author=").append(encode(author));
        }
        query.append("&num_results=").append(SEARCH_RESULTS).append("&products_sort_by=Relevance")
            .append("&response_groups=").append(RESPONSE_GROUPS).append("&image_sizes=").append(IMAGE_SIZES);
        URI uri = URI.create(base(region) + "/1.0/catalog/products" + query);
        return body(uri, what).orElse("{\"products\":[]}");
    }

    /**
     * Up to ten products matching {@code title} and {@code author}, most relevant first.
     *
     * @throws MetadataUnavailableException when the catalog cannot answer now or answers something unreadable
     */
    public List<AudibleProduct> search(String title, String author, Region region) {
        return parseSearch(searchJson(title, author, region), region);
    }

    /** Reads a {@link #searchJson} response. */
    public List<AudibleProduct> parseSearch(String body, Region region) {
        return json.products(body, region, "a search (" + region.code() + ")");
    }

    /**
     * The product's largest cover image ({@code product_images}), empty when it has none or the image is gone.
     *
     * @throws MetadataUnavailableException when the image server cannot answer now
     */
    public Optional<byte[]> cover(AudibleProduct product) {
        return product.imageUrls().entrySet().stream()
            .max(Comparator.comparingInt(Map.Entry::getKey))
            .flatMap(largest -> cover(largest.getValue(), "cover " + largest.getKey() + " px of " + product.asin()));
    }

    /** The image at {@code url}, empty on 404. */
    public Optional<byte[]> cover(String url, String what) {
        return http.get(URI.create(url), what).filter(bytes -> bytes.length > 0);
    }

    private Optional<String> body(URI uri, String what) {
        return http.get(uri, what).map(bytes -> {
            String body = new String(bytes, StandardCharsets.UTF_8);
            json.check(body, what);
            return body;
        });
    }

    private String base(Region region) {
        String base = baseUrls.getOrDefault(region, region.apiBaseUrl());
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String encode(String value) {
        // %20 rather than '+': both are valid in a query, %20 is also valid in a path
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
