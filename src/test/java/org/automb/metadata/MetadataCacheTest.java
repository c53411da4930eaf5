package org.automb.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.automb.jobs.store.JobStore;
import org.automb.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataCacheTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    @TempDir
    Path config;

    private final MutableClock clock = new MutableClock(T0);
    private final AtomicInteger fetches = new AtomicInteger();
    private JobStore store;
    private MetadataCache cache;

    @BeforeEach
    void open() {
        store = JobStore.open(JobStore.defaultUrl(config), clock);
        cache = new MetadataCache(store.metadataCache(), Duration.ofDays(30), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Optional<String> get(boolean refresh, String answer) {
        return cache.get(MetadataCache.Kind.AUDIBLE_PRODUCT, "B08G9PRS1K", Region.US, refresh, () -> {
            fetches.incrementAndGet();
            return Optional.ofNullable(answer);
        });
    }

    @Test
    void aFreshResponseIsAnsweredFromTheStore() {
        assertThat(get(false, "{\"v\":1}")).contains("{\"v\":1}");
        clock.advance(Duration.ofDays(29));

        assertThat(get(false, "{\"v\":2}")).contains("{\"v\":1}");
        assertThat(fetches).hasValue(1);
    }

    @Test
    void anExpiredResponseIsFetchedAgainAndKept() {
        get(false, "{\"v\":1}");
        clock.advance(Duration.ofDays(30));

        assertThat(get(false, "{\"v\":2}")).contains("{\"v\":2}");
        assertThat(get(false, "{\"v\":3}")).contains("{\"v\":2}");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aRefreshFetchesEvenAFreshResponseAndKeepsTheNewOne() {
        get(false, "{\"v\":1}");

        assertThat(get(true, "{\"v\":2}")).contains("{\"v\":2}");
        assertThat(get(false, "{\"v\":3}")).contains("{\"v\":2}");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void notFoundIsKeptToo() {
        assertThat(get(false, null)).isEmpty();
        assertThat(get(false, "{\"v\":2}")).isEmpty();
        assertThat(fetches).hasValue(1);
    }

    @Test
    void aFailedFetchKeepsNothing() {
        assertThatThrownBy(() -> cache.get(MetadataCache.Kind.AUDIBLE_PRODUCT, "B08G9PRS1K", Region.US, false, () -> {
            throw new MetadataUnavailableException("down");
        })).isInstanceOf(MetadataUnavailableException.class);

        assertThat(get(false, "{\"v\":1}")).contains("{\"v\":1}");
        assertThat(fetches).hasValue(1);
    }

    @Test
    void kindsAndRegionsAreKeptApart() {
        get(false, "{\"v\":1}");

        Optional<String> uk = cache.get(MetadataCache.Kind.AUDIBLE_PRODUCT, "B08G9PRS1K", Region.UK, false,
            () -> Optional.of("{\"uk\":1}"));
        Optional<String> chapters = cache.get(MetadataCache.Kind.AUDNEXUS_CHAPTERS, "B08G9PRS1K", Region.US, false,
            () -> Optional.of("{\"chapters\":[]}"));

        assertThat(uk).contains("{\"uk\":1}");
        assertThat(chapters).contains("{\"chapters\":[]}");
    }

    @Test
    void aBrokenStoreCostsAFetchNotTheLookup() throws SQLException {
        try (Connection other = DriverManager.getConnection(JobStore.defaultUrl(config));
             Statement statement = other.createStatement()) {
            statement.execute("DROP TABLE metadata_cache");
        }

        assertThat(get(false, "{\"v\":1}")).contains("{\"v\":1}");
        assertThat(get(false, "{\"v\":2}")).contains("{\"v\":2}");
        assertThat(fetches).hasValue(2);
    }
}
