package org.automb.metadata;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.automb.jobs.store.CachedResponse;
import org.automb.jobs.store.JobStoreException;
import org.automb.jobs.store.MetadataCacheTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the metadata services' raw responses in the job store, so retries and re-tags never fetch them again: a
 * response younger than the time to live ({@code METADATA_CACHE_TTL}, default 30 days) is answered from the store; a
 * refresh ({@code --refresh-metadata}) fetches anyway and keeps the new answer. "Not found" is kept too.
 *
 * <p>A store that cannot be read or written costs a fetch, never the lookup: the failure is logged.
 */
public final class MetadataCache {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataCache.class);

    /** {@code METADATA_CACHE_TTL}'s default. */
    public static final Duration DEFAULT_TTL = Duration.ofDays(30);

    /** What a cached response is. */
    public enum Kind {
        /** {@code /1.0/catalog/products/{asin}}, keyed by ASIN. */
        AUDIBLE_PRODUCT,
        /** {@code /1.0/catalog/products?title=&author=}, keyed by {@link SearchTerms#cacheKey()}. */
        AUDIBLE_SEARCH,
        /** Audnexus {@code /books/{asin}/chapters}, keyed by ASIN. */
        AUDNEXUS_CHAPTERS;

        /** The value of the table's {@code kind} column. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Asks the service; empty means it answered "not found". */
    @FunctionalInterface
    public interface Fetch {
        Optional<String> fetch();
    }

    private final MetadataCacheTable table;
    private final Duration ttl;
    private final Clock clock;

    /**
     * @param ttl   how long a response is used ({@code METADATA_CACHE_TTL}, {@link #DEFAULT_TTL}); zero caches nothing
     *              for reading (every call fetches) but still keeps the answers
     * @param clock the time against which ages are measured
     */
    public MetadataCache(MetadataCacheTable table, Duration ttl, Clock clock) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("METADATA_CACHE_TTL must not be negative: " + ttl);
        }
        this.table = table;
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * The response for (kind, key, region): the kept one when it is fresh and {@code refresh} is false, else
     * {@code fetch}'s answer, which is then kept. A fetch that throws keeps nothing.
     *
     * @return the body, or empty for "not found"
     * @throws MetadataUnavailableException as thrown by {@code fetch}
     */
    public Optional<String> get(Kind kind, String key, Region region, boolean refresh, Fetch fetch) {
        if (!refresh) {
            Optional<CachedResponse> kept = read(kind, key, region);
            if (kept.isPresent() && isFresh(kept.get())) {
                LOG.debug("{} {} ({}) from the cache", kind.code(), key, region.code());
                return kept.get().found();
            }
        }
        Optional<String> fetched = fetch.fetch();
        write(kind, key, region, fetched.orElse(null));
        return fetched;
    }

    private boolean isFresh(CachedResponse response) {
        Instant now = clock.instant();
        return !response.fetchedAt().isAfter(now) && response.fetchedAt().plus(ttl).isAfter(now);
    }

    private Optional<CachedResponse> read(Kind kind, String key, Region region) {
        try {
            return table.find(kind.code(), key, region.code());
        } catch (JobStoreException e) {
            LOG.warn("metadata cache not readable, fetching {} {} ({}) again: {}", kind.code(), key, region.code(),
                e.getMessage());
            return Optional.empty();
        }
    }

    private void write(Kind kind, String key, Region region, String body) {
        try {
            table.put(kind.code(), key, region.code(), body, clock.instant());
        } catch (JobStoreException e) {
            LOG.warn("metadata cache not writable, {} {} ({}) not kept: {}", kind.code(), key, region.code(),
                e.getMessage());
        }
    }
}
