package org.automb.jobs.store;

import org.automb.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Checks that the migrations and SQL also run on PostgreSQL. Off unless {@value #URL_VARIABLE} names an empty
 * scratch database (its tables are dropped first), e.g. {@code jdbc:postgresql://localhost/jobs?user=pg}.
 */
@EnabledIfEnvironmentVariable(named = JobStorePostgresTest.URL_VARIABLE, matches = "jdbc:postgresql:.+")
class JobStorePostgresTest {

    static final String URL_VARIABLE = "AUTOMB_TEST_POSTGRES_URL";
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    private final String url = System.getenv(URL_VARIABLE);

    @BeforeEach
    void dropTables() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            // every table of every migration, whichever came since: the scratch database's schema made anew
            statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
            statement.execute("CREATE SCHEMA public");
        }
    }

    @Test
    void aBookGoesThroughFailureRetryAndRestart() {
        MutableClock clock = new MutableClock(T0);
        try (JobStore store = JobStore.open(url, clock)) {
            store.markWaiting("book", "h1");
            store.claim("book", "h1", EventCause.INTAKE).orElseThrow();
            store.transition("book", JobState.CONVERTING, EventCause.INTAKE, null);
            store.recordFailure("book", ErrorClass.TRANSIENT, "disk full", T0.plusSeconds(60));
            assertThat(store.claim("book", "h1", EventCause.RETRY)).isEmpty();
            clock.advance(Duration.ofSeconds(60));
            assertThat(store.claim("book", "h1", EventCause.RETRY)).as("due").isPresent();
        }
        try (JobStore store = JobStore.open(url, clock)) {
            assertThat(store.requeueInterrupted()).isEqualTo(1);
            Job job = store.find("book").orElseThrow();
            assertThat(job.attempts()).isEqualTo(1);
            assertThat(job.nextRetryAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(store.events("book")).extracting(JobEvent::cause).containsExactly(EventCause.INTAKE,
                EventCause.INTAKE, EventCause.INTAKE, EventCause.RETRY, EventCause.RETRY, EventCause.STARTUP);
            assertThat(store.counts()).containsEntry(JobState.RETRY_SCHEDULED, 1);
            assertThat(store.inStates(JobState.RETRY_SCHEDULED)).extracting(Job::nextRetryAt)
                .containsExactly(T0.plusSeconds(60));
        }
    }

    @Test
    void theTablesOfTheLaterMigrationsWorkToo() {
        try (JobStore store = JobStore.open(url, new MutableClock(T0))) {
            // V3: runs, audit log, service runs
            store.runs().record(new BookRun(0, "book", T0, T0.plusSeconds(90), BookRun.Outcome.CONVERTED, "JVM_SEGMENTS",
                3600.0, 1_000_000L, "/converted/book/book.m4b", null));
            assertThat(store.runs().since(T0)).singleElement().extracting(BookRun::outcome)
                .isEqualTo(BookRun.Outcome.CONVERTED);
            store.audit().record(T0, "api-key", "retry", "book", "accepted", null);
            assertThat(store.audit().count()).isEqualTo(1);
            assertThat(store.serviceRuns().started(T0, "test").id()).isPositive();
            // V4: deliveries
            store.deliveries().record(new DeliveryRecord(0, T0, "book", "converted", "discord://…", "notification",
                "sent", 1, 204, null));
            assertThat(store.deliveries().of("book")).singleElement().extracting(DeliveryRecord::outcome).isEqualTo("sent");
            // V5: the pause, one row while paused
            assertThat(store.pause().pause(T0, "api-key")).isTrue();
            assertThat(store.pause().pause(T0, "api-key")).as("already paused").isFalse();
            assertThat(store.pause().current().paused()).isTrue();
            assertThat(store.pause().resume()).isTrue();
            assertThat(store.pause().current().paused()).isFalse();
            // V6: tag results, each book once per state
            store.tagResults().record("book", "tagged", T0);
            store.tagResults().record("book", "tagged", T0.plusSeconds(5));
            store.tagResults().record("other", "needs_review", T0);
            assertThat(store.tagResults().booksByState(T0)).containsEntry("tagged", 1).containsEntry("needs_review", 1);
        }
    }

    @Test
    void theMetadataCacheKeepsAndReplacesResponses() {
        try (JobStore store = JobStore.open(url, Clock.systemUTC())) {
            MetadataCacheTable cache = store.metadataCache();
            cache.put("audible_product", "B08G9PRS1K", "us", null, T0);
            cache.put("audible_product", "B08G9PRS1K", "us", "{\"product\":{}}", T0.plusSeconds(1));
            assertThat(cache.find("audible_product", "B08G9PRS1K", "us"))
                .contains(new CachedResponse("{\"product\":{}}", T0.plusSeconds(1)));
        }
    }

    @Test
    void twoStoresNeverClaimTheSameBook() throws Exception {
        try (JobStore first = JobStore.open(url, Clock.systemUTC());
             JobStore second = JobStore.open(url, Clock.systemUTC())) {
            Map<String, AtomicInteger> wins = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    JobStore store = t % 2 == 0 ? first : second;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 100; i++) {
                            store.claim("book-" + i % 25, "h", EventCause.INTAKE).ifPresent(job ->
                                wins.computeIfAbsent(job.key(), k -> new AtomicInteger()).incrementAndGet());
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(wins).hasSize(25);
            assertThat(wins.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        }
    }
}
