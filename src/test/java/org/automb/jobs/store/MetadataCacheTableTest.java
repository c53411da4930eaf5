package org.automb.jobs.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataCacheTableTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00.123456Z");

    @TempDir
    Path config;

    @Test
    void aResponseIsKeptByKindKeyAndRegionAndReplacedWhenPutAgain() {
        try (JobStore store = JobStore.open(JobStore.defaultUrl(config), Clock.systemUTC())) {
            MetadataCacheTable cache = store.metadataCache();
            cache.put("audible_product", "B08G9PRS1K", "us", "{\"product\":{}}", T0);
            cache.put("audible_product", "B08G9PRS1K", "uk", null, T0);

            assertThat(cache.find("audible_product", "B08G9PRS1K", "us"))
                .contains(new CachedResponse("{\"product\":{}}", Instant.parse("2025-01-01T10:00:00.123Z")));
            assertThat(cache.find("audible_product", "B08G9PRS1K", "uk")).map(CachedResponse::found).contains(
                java.util.Optional.empty());
            assertThat(cache.find("audnexus_chapters", "B08G9PRS1K", "us")).isEmpty();

            cache.put("audible_product", "B08G9PRS1K", "us", "{\"product\":{\"title\":\"Ü\"}}", T0.plusSeconds(5));
            assertThat(cache.find("audible_product", "B08G9PRS1K", "us")).map(CachedResponse::body)
                .contains("{\"product\":{\"title\":\"Ü\"}}");
        }
    }

    @Test
    void whatIsKeptSurvivesAReopen() {
        String url = JobStore.defaultUrl(config);
        try (JobStore store = JobStore.open(url, Clock.systemUTC())) {
            store.metadataCache().put("audible_search", "title=dune&author=", "us", "{\"products\":[]}", T0);
        }
        try (JobStore store = JobStore.open(url, Clock.systemUTC())) {
            assertThat(store.metadataCache().find("audible_search", "title=dune&author=", "us")).isPresent();
        }
    }
}
