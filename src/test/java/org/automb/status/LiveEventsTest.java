package org.automb.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.automb.audio.ProgressMonitor;
import org.automb.audio.ProgressSink;
import org.automb.config.Settings;
import org.automb.config.SettingsCatalog;
import org.automb.jobs.store.EventCause;
import org.automb.jobs.store.JobProgress;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job store's changes and a real {@link ProgressMonitor}'s ticks reach the live events' subscribers; a subscriber
 * that throws or blocks holds up neither the others nor the store's writers.
 */
class LiveEventsTest {

    @TempDir
    Path root;

    private JobStore store;
    private LiveEvents live;
    private ScheduledExecutorService ticker;

    @BeforeEach
    void open() {
        store = JobStore.open(JobStore.defaultUrl(root), java.time.Clock.systemUTC());
        Map<String, String> raw = new HashMap<>(new SettingsCatalog(2).defaults());
        raw.put("CONFIG_FOLDER", root.toString());
        Settings settings = Settings.parse(raw);
        live = new LiveEvents(new StatusService(store, settings, java.time.Clock.systemUTC(), "test"));
        store.listen(live);
        ticker = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void close() {
        ticker.shutdownNow();
        live.close();
        store.close();
    }

    @Test
    void everyStateChangeIsAJobEventWithTheJobAsSaved() throws Exception {
        List<LiveEvent> events = new CopyOnWriteArrayList<>();
        live.subscribe(event -> {
            throw new IllegalStateException("broken subscriber");
        });
        AutoCloseable subscription = live.subscribe(events::add);

        store.claim("Author/Book", "h", EventCause.INTAKE);
        store.transition("Author/Book", JobState.CONVERTING, EventCause.INTAKE, "");
        store.markDone("Author/Book", "/out/Book.m4b");

        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 3);
        assertThat(events).extracting(LiveEvent::type).containsOnly(LiveEvent.JOB);
        assertThat(events).extracting(e -> ((JobSummary) e.data()).state()).containsExactly("pending", "converting", "done");
        JobSummary done = (JobSummary) events.get(2).data();
        assertThat(done.id()).isEqualTo(JobIds.idOf("Author/Book"));
        assertThat(done.outputPath()).isEqualTo("/out/Book.m4b");
        assertThat(done.actions()).contains("reprocess");

        subscription.close();
        store.transition("Author/Book", JobState.SKIPPED, EventCause.API, "");
        assertThat(live.subscriberCount()).isEqualTo(1);
    }

    @Test
    void aBlockedSubscriberHoldsUpNoWriter() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        live.subscribe(event -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long started = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            store.claim("book " + i, "h", EventCause.INTAKE);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        release.countDown();
    }

    @Test
    void aProgressMonitorsTicksBecomeProgressEventsAndAreClearedWhenItStops() {
        store.claim("Author/Book", "h", EventCause.INTAKE);
        store.transition("Author/Book", JobState.CONVERTING, EventCause.INTAKE, "");
        List<LiveEvent> events = new CopyOnWriteArrayList<>();
        live.subscribe(events::add);
        ProgressSink toStore = new ProgressSink() {
            @Override
            public void progress(String bookKey, String stage, double percent, Double speed, Double secondsLeft) {
                Instant now = Instant.now();
                store.notes().putProgress(new JobProgress(bookKey, stage, percent, speed,
                    secondsLeft == null ? null : now.plusMillis(Math.round(secondsLeft * 1000)), now));
            }

            @Override
            public void ended(String bookKey) {
                store.notes().clearProgress(bookKey);
            }
        };
        AtomicReference<Double> done = new AtomicReference<>(25.0);
        ProgressMonitor monitor = new ProgressMonitor(ticker, 20, 5000, toStore);

        ProgressMonitor.Watch watch = monitor.watch("Author/Book", "encoding", done::get, 100.0);

        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(e -> e.type().equals(LiveEvent.PROGRESS)));
        ProgressEvent tick = (ProgressEvent) events.stream().filter(e -> e.type().equals(LiveEvent.PROGRESS))
            .findFirst().orElseThrow().data();
        assertThat(tick.id()).isEqualTo(JobIds.idOf("Author/Book"));
        assertThat(tick.progress().stage()).isEqualTo("encoding");
        assertThat(tick.progress().percent()).isEqualTo(25.0);
        assertThat(tick.progress().speed()).isPositive();
        assertThat(tick.progress().etaSeconds()).isNotNull();
        StatusService status = new StatusService(store, Settings.parse(new SettingsCatalog(2).defaults()),
            java.time.Clock.systemUTC(), "test");
        assertThat(status.summary("Author/Book").orElseThrow().progress().percent()).isEqualTo(25.0);

        watch.stop();

        assertThat(store.notes().progress()).as("cleared when the pass ends").isEmpty();
        assertThat(status.summary("Author/Book").orElseThrow().progress()).isNull();
    }
}
