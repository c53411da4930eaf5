package org.automb.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.automb.jobs.store.BookRun;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;
import org.automb.notify.NotificationCounters;
import org.automb.tagging.TagState;

/**
 * The application's meters, in base units, read at scrape time from the sources {@code --status} and the API read:
 * <ul>
 * <li>{@code automb_books_total{outcome}}: finished runs in the job store's book_runs (converted, passed_through,
 * failed), and books the tag stage tagged or marked needs_review (the store's tag results, each book once), over
 * the store's lifetime as {@code totals.lifetime} of the status document counts them;</li>
 * <li>{@code automb_audio_seconds_total}, {@code automb_audio_bytes_total}: audio delivered by those runs;</li>
 * <li>{@code automb_conversion_seconds} (wall-clock time) and {@code automb_conversion_speed_ratio} (audio seconds
 * per wall-clock second) histograms of the converted runs, fed from the same rows;</li>
 * <li>{@code automb_queue_books{state}} and {@code automb_retries_scheduled}: jobs by state now;</li>
 * <li>{@code automb_notifications_total{destination,outcome}}: settled deliveries since the start;</li>
 * <li>{@code automb_folder_free_bytes{folder}}: usable space of each folder's file system (absent when unreadable).</li>
 * </ul>
 * The store is read at most once per {@link #MAX_AGE}: the book counter is registered first, so a scrape refreshes
 * the rows before it renders the histograms. Thread-safe.
 */
public final class BookMetrics implements MeterBinder {

    /** How long one read of the store serves scrapes. */
    static final Duration MAX_AGE = Duration.ofSeconds(1);
    /** The job states the queue shows (as the status document's queue). */
    static final List<JobState> QUEUE_STATES = List.of(JobState.WAITING, JobState.PENDING, JobState.CONVERTING,
        JobState.TAGGING, JobState.RETRY_SCHEDULED);
    private static final List<BookRun.Outcome> OUTCOMES = List.of(BookRun.Outcome.CONVERTED,
        BookRun.Outcome.PASSED_THROUGH, BookRun.Outcome.FAILED);
    /** Histogram buckets of a book's conversion, seconds: a short test book to a very long book on a slow machine. */
    private static final Duration[] CONVERSION_BUCKETS = {Duration.ofSeconds(5), Duration.ofSeconds(15),
        Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
        Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofHours(1),
        Duration.ofHours(2), Duration.ofHours(4)};
    private static final String BOOKS_HELP = "Books by outcome: finished by the pipeline (converted, passed_through,"
        + " failed: the job store's book runs) or left tagged or needs_review by the tag stage (each book once)";
    /** The tag states counted as outcomes of {@code automb_books_total} (the status document's tagged, needsReview). */
    private static final List<TagState> TAG_OUTCOMES = List.of(TagState.TAGGED, TagState.NEEDS_REVIEW);
    /** Histogram buckets of the speed ratio: 1 = real time. */
    private static final double[] SPEED_BUCKETS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};

    private final JobStore store;
    private final Supplier<NotificationCounters> notifications;
    private final Map<String, Path> folders;
    private final Clock clock;

    private final Map<BookRun.Outcome, Long> books = new EnumMap<>(BookRun.Outcome.class);
    private final Map<JobState, Integer> states = new EnumMap<>(JobState.class);
    private Map<String, Integer> taggedBooks = Map.of();
    private final Set<NotificationCounters.Key> registeredNotifications = new HashSet<>();
    private double audioSeconds;
    private long audioBytes;
    private long lastRunId;
    private Instant readAt;
    private Timer conversionTime;
    private DistributionSummary speedRatio;
    private MeterRegistry registry;

    /**
     * @param notifications the notification counters (null until the notification layer is wired)
     * @param folders       each folder by its setting ({@code INBOX_FOLDER}...)
     */
    public BookMetrics(JobStore store, Supplier<NotificationCounters> notifications, Map<String, Path> folders,
                       Clock clock) {
        this.store = store;
        this.notifications = notifications;
        this.folders = Map.copyOf(folders);
        this.clock = clock;
    }

    @Override
    public synchronized void bindTo(MeterRegistry meters) {
        this.registry = meters;
        // first: its read refreshes the rows the meters below render (see the class comment)
        for (BookRun.Outcome outcome : OUTCOMES) {
            FunctionCounter.builder("automb.books", this, m -> m.books(outcome))
                .description(BOOKS_HELP)
                .tag("outcome", outcome.code()).register(meters);
        }
        for (TagState outcome : TAG_OUTCOMES) {
            FunctionCounter.builder("automb.books", this, m -> m.taggedBooks(outcome))
                .description(BOOKS_HELP)
                .tag("outcome", outcome.code()).register(meters);
        }
        FunctionCounter.builder("automb.audio.seconds", this, BookMetrics::audioSeconds).baseUnit("seconds")
            .description("Seconds of audio delivered (converted and passed through)").register(meters);
        FunctionCounter.builder("automb.audio.bytes", this, BookMetrics::audioBytes).baseUnit("bytes")
            .description("Bytes of .m4b delivered").register(meters);
        conversionTime = Timer.builder("automb.conversion")
            .description("Wall-clock time of each converted book")
            .serviceLevelObjectives(CONVERSION_BUCKETS).register(meters);
        speedRatio = DistributionSummary.builder("automb.conversion.speed.ratio")
            .description("Seconds of audio converted per wall-clock second, for each converted book")
            .serviceLevelObjectives(SPEED_BUCKETS).register(meters);
        for (JobState state : QUEUE_STATES) {
            Gauge.builder("automb.queue.books", this, m -> m.inState(state))
                .description("Jobs waiting for or in the pipeline, by state").tag("state", state.code()).register(meters);
        }
        Gauge.builder("automb.retries.scheduled", this, m -> m.inState(JobState.RETRY_SCHEDULED))
            .description("Books waiting for a retry").register(meters);
        folders.forEach((setting, path) -> Gauge.builder("automb.folder.free", path, BookMetrics::freeBytes)
            .baseUnit("bytes").description("Usable space on the folder's file system").tag("folder", setting)
            .register(meters));
        refresh();
    }

    /** Reads the store again when the last read is older than {@link #MAX_AGE}; registers new notification keys. */
    synchronized void refresh() {
        Instant now = clock.instant();
        if (readAt != null && Duration.between(readAt, now).compareTo(MAX_AGE) < 0) {
            return;
        }
        readAt = now;
        for (BookRun run : store.runs().since(Instant.EPOCH)) {
            if (run.id() > lastRunId) {
                count(run);
                lastRunId = run.id();
            }
        }
        taggedBooks = store.tagResults().booksByState(Instant.EPOCH);
        states.clear();
        states.putAll(store.counts());
        registerNotifications();
    }

    private void count(BookRun run) {
        if (!OUTCOMES.contains(run.outcome())) {
            return; // cancelled and skipped runs are no finished books
        }
        books.merge(run.outcome(), 1L, Long::sum);
        if (run.outcome() == BookRun.Outcome.FAILED) {
            return;
        }
        audioSeconds += run.audioSeconds() == null ? 0 : run.audioSeconds();
        audioBytes += run.outputBytes() == null ? 0 : run.outputBytes();
        Long millis = run.elapsedMillis();
        if (run.outcome() == BookRun.Outcome.CONVERTED && millis != null) {
            conversionTime.record(millis, TimeUnit.MILLISECONDS);
            if (run.audioSeconds() != null && millis > 0) {
                speedRatio.record(run.audioSeconds() / (millis / 1000.0));
            }
        }
    }

    private void registerNotifications() {
        NotificationCounters counters = notifications.get();
        if (counters == null || registry == null) {
            return;
        }
        for (NotificationCounters.Key key : counters.counts().keySet()) {
            if (registeredNotifications.add(key)) {
                FunctionCounter.builder("automb.notifications", counters, c -> c.counts().getOrDefault(key, 0L))
                    .description("Settled notification and webhook deliveries since the start")
                    .tag("destination", key.label()).tag("outcome", key.outcome()).register(registry);
            }
        }
    }

    private synchronized double books(BookRun.Outcome outcome) {
        refresh();
        return books.getOrDefault(outcome, 0L);
    }

    private synchronized double taggedBooks(TagState state) {
        refresh();
        return taggedBooks.getOrDefault(state.code(), 0);
    }

    private synchronized double audioSeconds() {
        refresh();
        return audioSeconds;
    }

    private synchronized double audioBytes() {
        refresh();
        return audioBytes;
    }

    private synchronized double inState(JobState state) {
        refresh();
        return states.getOrDefault(state, 0);
    }

    private static double freeBytes(Path folder) {
        try {
            return Files.getFileStore(folder).getUsableSpace();
        } catch (IOException | SecurityException e) {
            return Double.NaN; // unknown, as the status document's null
        }
    }
}
