package org.automb.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.automb.config.Settings;
import org.automb.config.SettingsCatalog;
import org.automb.jobs.store.BookRun;
import org.automb.jobs.store.JobStore;
import org.automb.notify.Destination;
import org.automb.notify.EventType;
import org.automb.notify.NotificationCounters;
import org.automb.notify.NotifyEvent;
import org.automb.notify.Outbound;
import org.automb.status.StatusService;
import org.automb.status.Totals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The meters' values from a real job store (SQLite) and notification counters. */
class BookMetricsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path config;
    private JobStore store;
    private final MutableClock clock = new MutableClock();
    private final NotificationCounters notifications = new NotificationCounters();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void open() {
        store = JobStore.open(JobStore.defaultUrl(config), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void countsFinishedRunsAndFeedsTheHistogramsFromTheStore() {
        store.runs().record(run(1, BookRun.Outcome.CONVERTED, 20_000, 600.0, 1000L));
        store.runs().record(run(2, BookRun.Outcome.PASSED_THROUGH, 1_000, 300.0, 500L));
        store.runs().record(run(3, BookRun.Outcome.FAILED, 5_000, 100.0, null));
        store.runs().record(run(4, BookRun.Outcome.CANCELLED, 5_000, 100.0, null));
        BookMetrics metrics = new BookMetrics(store, () -> notifications, Map.of("INBOX_FOLDER", config,
            "CONVERTED_FOLDER", config.resolve("missing/deeper")), clock);
        metrics.bindTo(registry);

        assertThat(books("converted")).isEqualTo(1);
        assertThat(books("passed_through")).isEqualTo(1);
        assertThat(books("failed")).isEqualTo(1);
        assertThat(registry.get("automb.audio.seconds").functionCounter().count()).isEqualTo(900);
        assertThat(registry.get("automb.audio.bytes").functionCounter().count()).isEqualTo(1500);
        assertThat(registry.get("automb.conversion").timer().count()).isEqualTo(1);
        assertThat(registry.get("automb.conversion").timer().totalTime(TimeUnit.SECONDS)).isEqualTo(20);
        assertThat(registry.get("automb.conversion.speed.ratio").summary().totalAmount()).isEqualTo(30);
        assertThat(registry.get("automb.folder.free").tag("folder", "INBOX_FOLDER").gauge().value()).isPositive();
        assertThat(registry.get("automb.folder.free").tag("folder", "CONVERTED_FOLDER").gauge().value()).isNaN();

        // a later run is counted once, after the store is read again
        store.runs().record(run(5, BookRun.Outcome.CONVERTED, 10_000, 100.0, 10L));
        assertThat(books("converted")).as("read at most once a second").isEqualTo(1);
        clock.advanceSeconds(2);
        assertThat(books("converted")).isEqualTo(2);
        clock.advanceSeconds(2);
        assertThat(books("converted")).isEqualTo(2);
        assertThat(registry.get("automb.conversion").timer().count()).isEqualTo(2);
    }

    @Test
    void taggedAndNeedsReviewCountEachBookOnceAsTheStatusDocumentDoes() {
        store.tagResults().record("Book 1", "tagged", T0);
        store.tagResults().record("Book 2", "needs_review", T0.plusSeconds(1));
        store.tagResults().record("Book 3", "tag_failed", T0.plusSeconds(2));
        new BookMetrics(store, () -> notifications, Map.of(), clock).bindTo(registry);

        assertThat(books("tagged")).isEqualTo(1);
        assertThat(books("needs_review")).isEqualTo(1);

        store.tagResults().record("Book 1", "tagged", T0.plusSeconds(3)); // tagged again: the same book
        store.tagResults().record("Book 2", "tagged", T0.plusSeconds(4)); // a re-tag matched it
        clock.advanceSeconds(2);
        assertThat(books("tagged")).isEqualTo(2);
        assertThat(books("needs_review")).as("a counter never goes down").isEqualTo(1);
        Totals lifetime = new StatusService(store, settings(), clock, "test").lifetimeTotals();
        assertThat(books("tagged")).isEqualTo(lifetime.tagged());
        assertThat(books("needs_review")).isEqualTo(lifetime.needsReview());
    }

    @Test
    void aNotificationCounterAppearsWithItsFirstSettledDelivery() {
        new BookMetrics(store, () -> notifications, Map.of(), clock).bindTo(registry);
        assertThat(registry.find("automb.notifications").functionCounters()).isEmpty();
        notifications.count(new Named("json", "json://host/***"), "sent");
        notifications.count(new Named("json", "json://host/***"), "sent");
        clock.advanceSeconds(2);
        assertThat(books("converted")).isZero(); // a scrape
        assertThat(registry.get("automb.notifications").tags("destination", "json://host/***", "outcome", "sent")
            .functionCounter().count()).isEqualTo(2);
    }

    private Settings settings() {
        Map<String, String> raw = new java.util.HashMap<>(new SettingsCatalog(2).defaults());
        for (String folder : new String[] {"INBOX", "CONVERTED", "ARCHIVE", "FAILED", "WORKING", "CONFIG"}) {
            raw.put(folder + "_FOLDER", config.resolve(folder.toLowerCase(java.util.Locale.ROOT)).toString());
        }
        return Settings.parse(raw);
    }

    private double books(String outcome) {
        return registry.get("automb.books").tag("outcome", outcome).functionCounter().count();
    }

    private static BookRun run(int n, BookRun.Outcome outcome, long millis, Double audioSeconds, Long bytes) {
        Instant started = T0.plusSeconds(n * 100L);
        return new BookRun(0, "Book " + n, started, started.plusMillis(millis), outcome, null, audioSeconds, bytes,
            null, null);
    }

    private record Named(String kind, String label) implements Destination {
        @Override
        public boolean wants(EventType type) {
            return true;
        }

        @Override
        public void deliver(NotifyEvent event, Outbound outbound) {
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = T0.plusSeconds(10_000);

        void advanceSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
