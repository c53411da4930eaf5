package org.automb.metadata;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link MetadataLookup} needs to know about a book.
 *
 * @param bookFolder the book's folder, read for ASIN hints and search terms
 * @param tags       its sources' tags, keys in any case
 * @param durationMs its duration, 0 when unknown
 * @param asin       an ASIN the user gave ({@code --asin}), used before any hint
 * @param region     the marketplace the user chose ({@code --region}), else the lookup's default
 * @param refresh    fetch again even what the cache holds ({@code --refresh-metadata})
 */
public record LookupRequest(Path bookFolder, Map<String, String> tags, long durationMs, Optional<String> asin,
                            Optional<Region> region, boolean refresh) {

    public LookupRequest {
        Map<String, String> present = new java.util.LinkedHashMap<>();
        tags.forEach((name, value) -> {
            if (name != null && value != null) {
                present.put(name, value);
            }
        });
        tags = java.util.Collections.unmodifiableMap(present);
    }

    /** A request with no override, using the cache. */
    public static LookupRequest of(Path bookFolder, Map<String, String> tags, long durationMs) {
        return new LookupRequest(bookFolder, tags, durationMs, Optional.empty(), Optional.empty(), false);
    }

    public LookupRequest withAsin(String userAsin) {
        return new LookupRequest(bookFolder, tags, durationMs, Optional.of(userAsin), region, refresh);
    }

    public LookupRequest withRegion(Region userRegion) {
        return new LookupRequest(bookFolder, tags, durationMs, asin, Optional.of(userRegion), refresh);
    }

    public LookupRequest withRefresh(boolean refreshMetadata) {
        return new LookupRequest(bookFolder, tags, durationMs, asin, region, refreshMetadata);
    }
}
