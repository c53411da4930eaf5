package org.automb.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Audnexus ({@code https://api.audnex.us}), for a book's chapters: {@code GET /books/{asin}/chapters?region=}. One
 * polite request per call ({@link PoliteHttp}; Audnexus allows 100 requests a minute); the raw body for the cache
 * comes from {@link #chaptersJson}, checked to be JSON, and {@link #parseChapters} reads it.
 */
public final class AudnexusClient {

    /** {@code AUDNEXUS_URL}'s default. */
    public static final String DEFAULT_BASE_URL = "https://api.audnex.us";
    /** Audnexus's published limit per client. */
    public static final int REQUESTS_PER_MINUTE = 100;

    private final PoliteHttp http;
    private final String baseUrl;
    private final ObjectMapper mapper;

    /** @param baseUrl {@code AUDNEXUS_URL} ({@link #DEFAULT_BASE_URL}) */
    public AudnexusClient(PoliteHttp http, String baseUrl, ObjectMapper mapper) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.mapper = mapper;
    }

    /**
     * The client as the service runs it: real time, at most {@value #REQUESTS_PER_MINUTE} requests a minute shared by
     * every thread using it.
     *
     * @param timeout {@code METADATA_TIMEOUT} (default 15 s)
     * @param baseUrl {@code AUDNEXUS_URL} ({@link #DEFAULT_BASE_URL})
     */
    public static AudnexusClient create(String userAgent, Duration timeout, String baseUrl, ObjectMapper mapper) {
        Sleeper sleeper = Sleeper.real();
        PoliteHttp http = new PoliteHttp("Audnexus", PoliteHttp.Options.of(userAgent, timeout),
            RateLimiter.perMinute(REQUESTS_PER_MINUTE, sleeper), sleeper, Clock.systemUTC());
        return new AudnexusClient(http, baseUrl, mapper);
    }

    /**
     * The raw chapters response for {@code asin} in {@code region}.
     *
     * @return the JSON, or empty when Audnexus has no chapters for it (404, also for a region it does not serve)
     * @throws MetadataUnavailableException when Audnexus cannot answer now or answers something unreadable
     */
    public Optional<String> chaptersJson(String asin, Region region) {
        String what = "chapters of " + asin + " (" + region.code() + ")";
        URI uri = URI.create(baseUrl + "/books/" + URLEncoder.encode(asin, StandardCharsets.UTF_8)
            + "/chapters?region=" + region.code());
        return http.get(uri, what).map(bytes -> {
            String body = new String(bytes, StandardCharsets.UTF_8);
            tree(body, what);
            return body;
        });
    }

    /**
     * The chapters of {@code asin}, empty when Audnexus has none.
     *
     * @throws MetadataUnavailableException when Audnexus cannot answer now or answers something unreadable
     */
    public Optional<AudnexusChapters> chapters(String asin, Region region) {
        return chaptersJson(asin, region).map(this::parseChapters);
    }

    /**
     * Reads a {@link #chaptersJson} response.
     *
     * @throws MetadataUnavailableException when it is not the JSON expected
     */
    public AudnexusChapters parseChapters(String body) {
        JsonNode root = tree(body, "chapters");
        JsonNode chapters = root.path("chapters");
        if (!chapters.isArray()) {
            throw new MetadataUnavailableException("Audnexus's chapters of " + root.path("asin").asText("?")
                + " have no chapter list");
        }
        List<AudnexusChapters.Entry> entries = new ArrayList<>();
        chapters.forEach(c -> entries.add(new AudnexusChapters.Entry(c.path("title").asText("").trim(),
            c.path("startOffsetMs").asLong(0), c.path("lengthMs").asLong(0))));
        return new AudnexusChapters(root.path("asin").asText(""), entries, root.path("isAccurate").asBoolean(false),
            root.path("runtimeLengthMs").asLong(0));
    }

    private JsonNode tree(String body, String what) {
        return AudibleJson.object(mapper, body, "Audnexus", what);
    }
}
