package org.automb.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.automb.config.ConvertWindow;
import org.automb.config.FolderRules;
import org.automb.config.Settings;
import org.automb.deliver.DeliveredBooks;
import org.automb.deliver.FailedBookMover;
import org.automb.jobs.BookLogTails;
import org.automb.jobs.ConversionGate;
import org.automb.jobs.store.AuditEntry;
import org.automb.jobs.store.BookRun;
import org.automb.jobs.store.DeliveryRecord;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobEvent;
import org.automb.jobs.store.JobProgress;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;
import org.automb.jobs.store.ServiceRun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the API, the page and {@code --status} show: read from the job store (and the folders it names), never
 * changing anything. Thread-safe.
 */
public final class StatusService {

    /** A service whose heartbeat is older than this is taken for dead. */
    public static final Duration ALIVE = Duration.ofSeconds(90);
    /** The largest page size the lists take. */
    public static final int MAX_PAGE_SIZE = 200;

    /** The states the queue shows, in its order: running first, then claimed, due again, settling. */
    static final List<JobState> QUEUE_ORDER = List.of(JobState.CONVERTING, JobState.TAGGING, JobState.PENDING,
        JobState.RETRY_SCHEDULED, JobState.WAITING);
    /** The order of {@link StatusDocument#counts()}. */
    private static final List<JobState> COUNT_ORDER = List.of(JobState.WAITING, JobState.PENDING, JobState.CONVERTING,
        JobState.TAGGING, JobState.RETRY_SCHEDULED, JobState.DONE, JobState.FAILED, JobState.SKIPPED, JobState.REVIEW,
        JobState.CANCELLED);
    private static final int RECENT_CONVERSIONS = 10;
    private static final int RECENT_FAILURES = 5;
    private static final int QUEUE_IN_STATUS = 20;
    /** A failure report larger than this is cut: it is meant for reading on a page. */
    private static final int MAX_FAILED_INFO_CHARS = 64 * 1024;

    private final JobStore store;
    private final Settings settings;
    private final Clock clock;
    private final String version;
    private final Supplier<List<StatusDocument.Stage>> stages;
    private final BookLogTails logTails;
    private final ObjectMapper json = StatusJson.mapper();
    private final RunStatistics statistics;
    /** Read as --status reads it: the settings' window and the pause in the store (the service's gate is the same). */
    private final ConversionGate gate;

    /**
     * @param version  the program's version, shown as {@code version}
     * @param stages   the pipeline's stages now (from Camel in the service, from the last heartbeat elsewhere)
     * @param logTails the live log tails of running books
     */
    public StatusService(JobStore store, Settings settings, Clock clock, String version,
                         Supplier<List<StatusDocument.Stage>> stages, BookLogTails logTails) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.version = version;
        this.stages = stages;
        this.logTails = logTails;
        this.statistics = new RunStatistics(clock);
        this.gate = new ConversionGate(ConvertWindow.parse(settings.operations().convertSchedule(), clock.getZone()),
            store, clock, true);
    }

    /** A service that reads the stages from the latest heartbeat and has no live log tails (for {@code --status}). */
    public StatusService(JobStore store, Settings settings, Clock clock, String version) {
        this(store, settings, clock, version, new StoredStages(store, clock), new BookLogTails());
    }

    /** What every run so far came to (the start-up banner's statistics line; the status document's lifetime totals). */
    public Totals lifetimeTotals() {
        return statistics.totals(store.runs().since(Instant.EPOCH), store.tagResults().booksByState(Instant.EPOCH));
    }

    /** Whether new books are held back now, and why (the document's {@code conversion}). */
    public ConversionHold conversionHold() {
        return ConversionHold.of(gate.hold());
    }

    /** The whole picture. */
    public StatusDocument status() {
        Optional<ServiceRun> latest = store.serviceRuns().latest();
        Instant now = clock.instant();
        Map<String, JobProgress> progress = progressByKey();
        List<BookRun> lifetimeRuns = store.runs().since(Instant.EPOCH);
        List<BookRun> sessionRuns = latest.map(run -> lifetimeRuns.stream()
            .filter(r -> !r.finishedAt().isBefore(run.startedAt())).toList()).orElse(List.of());
        List<Job> queued = queuedJobs();
        return new StatusDocument(version, service(latest, now), stages.get(), counts(),
            inProgress(progress),
            new StatusDocument.Periods(statistics.totals(lifetimeRuns, store.tagResults().booksByState(Instant.EPOCH)),
                statistics.totals(sessionRuns, latest.map(run -> store.tagResults().booksByState(run.startedAt()))
                    .orElse(Map.of()))),
            runViews(newest(lifetimeRuns, Set.of(BookRun.Outcome.CONVERTED, BookRun.Outcome.PASSED_THROUGH),
                RECENT_CONVERSIONS)),
            runViews(newest(lifetimeRuns, Set.of(BookRun.Outcome.FAILED), RECENT_FAILURES)),
            queued.stream().limit(QUEUE_IN_STATUS).map(job -> summarize(job, progress)).toList(), queued.size(),
            statistics.daily(lifetimeRuns), folders(),
            new StatusDocument.Auth(settings.web().authMethod().name().toLowerCase(Locale.ROOT)),
            conversionHold());
    }

    /** The {@code limit} newest of {@code runs} (oldest first, as the store reads them) with one of {@code outcomes}. */
    private static List<BookRun> newest(List<BookRun> runs, Set<BookRun.Outcome> outcomes, int limit) {
        List<BookRun> newest = new ArrayList<>();
        for (int i = runs.size() - 1; i >= 0 && newest.size() < limit; i--) {
            if (outcomes.contains(runs.get(i).outcome())) {
                newest.add(runs.get(i));
            }
        }
        return newest;
    }

    /**
     * The jobs waiting for or in the pipeline: converting, tagging, pending, due for a retry, settling, in that
     * order, then the longest waiting first.
     *
     * @throws IllegalArgumentException for a page under 1 or a size outside 1..{@value #MAX_PAGE_SIZE}
     */
    public Paged<JobSummary> queue(int page, int size) {
        checkPage(page, size);
        List<Job> queued = queuedJobs();
        Map<String, JobProgress> progress = progressByKey();
        List<JobSummary> items = queued.stream().skip((long) (page - 1) * size).limit(size)
            .map(job -> summarize(job, progress)).toList();
        return Paged.of(items, page, size, queued.size());
    }

    /**
     * The jobs in any of {@code states} (all when empty), most recently changed first.
     *
     * @throws IllegalArgumentException for a page under 1 or a size outside 1..{@value #MAX_PAGE_SIZE}
     */
    public Paged<JobSummary> jobs(Set<JobState> states, int page, int size) {
        checkPage(page, size);
        int total = store.count(states);
        Map<String, JobProgress> progress = progressByKey();
        List<JobSummary> items = store.page(states, (page - 1) * size, size).stream()
            .map(job -> summarize(job, progress)).toList();
        return Paged.of(items, page, size, total);
    }

    /** Everything about the job with {@code id}; empty when the id is not one or names no job. */
    public Optional<JobDetail> job(String id) {
        return JobIds.keyOf(id).flatMap(store::find).map(this::detail);
    }

    /**
     * The users' actions, newest first.
     *
     * @throws IllegalArgumentException for a page under 1 or a size outside 1..{@value #MAX_PAGE_SIZE}
     */
    public Paged<AuditView> audit(int page, int size) {
        checkPage(page, size);
        int total = store.audit().count();
        List<AuditView> items = store.audit().page((page - 1) * size, size).stream().map(StatusService::auditView).toList();
        return Paged.of(items, page, size, total);
    }

    /** The job with {@code key} as lists show it; empty when the store does not know it. */
    public Optional<JobSummary> summary(String key) {
        return store.find(key).map(this::summaryOf);
    }

    /** {@code job} (as the store returned it) as lists show it. */
    public JobSummary summaryOf(Job job) {
        return summarize(job, job.state() == JobState.CONVERTING || job.state() == JobState.TAGGING
            ? progressByKey() : Map.of());
    }

    /** A progress note as the API shows it. */
    public Progress progressOf(JobProgress progress) {
        Long eta = progress.eta() == null ? null
            : Math.max(0, Duration.between(clock.instant(), progress.eta()).toSeconds());
        return new Progress(progress.stage(), progress.percent(), progress.speed(), eta, progress.updatedAt());
    }

    private static void checkPage(int page, int size) {
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more, not " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_PAGE_SIZE + ", not " + size);
        }
    }

    private StatusDocument.Service service(Optional<ServiceRun> latest, Instant now) {
        if (latest.isEmpty()) {
            return new StatusDocument.Service(false, null, null, null);
        }
        ServiceRun run = latest.get();
        boolean running = isRunning(run, now);
        Long uptime = running ? Math.max(0, Duration.between(run.startedAt(), now).toSeconds()) : null;
        return new StatusDocument.Service(running, run.startedAt(), uptime, run.heartbeatAt());
    }

    /** True when {@code run} has not stopped and beat less than {@link #ALIVE} ago. */
    static boolean isRunning(ServiceRun run, Instant now) {
        return run.stoppedAt() == null && run.heartbeatAt() != null
            && Duration.between(run.heartbeatAt(), now).compareTo(ALIVE) < 0;
    }

    private Map<String, Integer> counts() {
        Map<JobState, Integer> counts = store.counts();
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (JobState state : COUNT_ORDER) {
            ordered.put(state.code(), counts.getOrDefault(state, 0));
        }
        return ordered;
    }

    private List<JobSummary> inProgress(Map<String, JobProgress> progress) {
        return store.inStates(JobState.CONVERTING, JobState.TAGGING).stream()
            .sorted(queueOrder()).map(job -> summarize(job, progress)).toList();
    }

    private List<Job> queuedJobs() {
        return store.inStates(QUEUE_ORDER.toArray(JobState[]::new)).stream().sorted(queueOrder()).toList();
    }

    private static Comparator<Job> queueOrder() {
        return Comparator.<Job>comparingInt(job -> QUEUE_ORDER.indexOf(job.state()))
            .thenComparing(job -> job.startedAt() != null ? job.startedAt() : job.updatedAt(),
                Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Job::key);
    }

    private Map<String, JobProgress> progressByKey() {
        Map<String, JobProgress> byKey = new LinkedHashMap<>();
        for (JobProgress progress : store.notes().progress()) {
            byKey.put(progress.key(), progress);
        }
        return byKey;
    }

    private JobSummary summarize(Job job, Map<String, JobProgress> progress) {
        // a progress note outlives a crashed run: show it only while the job runs
        boolean running = job.state() == JobState.CONVERTING || job.state() == JobState.TAGGING;
        JobProgress note = running ? progress.get(job.key()) : null;
        return new JobSummary(JobIds.idOf(job.key()), job.key(), nameOf(job.key()), job.state().code(), job.attempts(),
            job.updatedAt(), job.startedAt(), job.finishedAt(), job.nextRetryAt(), firstLine(job.errorMessage()),
            job.outputPath(), note == null ? null : progressOf(note), JobAction.allowed(job.state()));
    }

    private JobDetail detail(Job job) {
        JobSummary s = summaryOf(job);
        List<EventView> events = store.events(job.key()).stream().map(StatusService::eventView).toList();
        List<RunView> runs = runViews(store.runs().of(job.key()));
        RequestView request = store.notes().request(job.key())
            .map(r -> new RequestView(r.kind().code(), r.requestedAt(), r.actor())).orElse(null);
        List<AuditView> audit = store.audit().of(job.key()).stream().map(StatusService::auditView).toList();
        List<DeliveryView> deliveries = store.deliveries().of(job.key()).stream().map(StatusService::deliveryView).toList();
        return new JobDetail(s.id(), s.key(), s.name(), s.state(), s.attempts(), s.updatedAt(), s.startedAt(),
            s.finishedAt(), s.nextRetryAt(), s.error(), s.outputPath(), s.progress(), s.actions(),
            job.errorClass() == null ? null : job.errorClass().name().toLowerCase(Locale.ROOT), job.errorMessage(),
            job.contentHash(), manifest(job), failedInfo(job), events, logTail(job), runs, request, audit,
            deliveries);
    }

    /** The intake.json beside a delivered book: the path comes from the store, never from a request. */
    private JsonNode manifest(Job job) {
        if ((job.state() != JobState.DONE && job.state() != JobState.REVIEW) || job.outputPath() == null) {
            return null;
        }
        return storedPath(job.outputPath()).map(output -> output.resolveSibling(DeliveredBooks.MANIFEST))
            .filter(Files::isRegularFile)
            .map(this::readJson).orElse(null);
    }

    private JsonNode readJson(Path file) {
        try {
            return json.readTree(file.toFile());
        } catch (IOException e) {
            return null;
        }
    }

    /** FAILED_INFO.txt in the failed folder the store says the book was moved to. */
    private String failedInfo(Job job) {
        if (job.state() != JobState.FAILED || job.outputPath() == null) {
            return null;
        }
        Optional<Path> info = storedPath(job.outputPath()).filter(Files::isDirectory)
            .map(folder -> folder.resolve(FailedBookMover.INFO_FILE)).filter(Files::isRegularFile);
        if (info.isEmpty()) {
            return null;
        }
        try {
            String text = Files.readString(info.get(), StandardCharsets.UTF_8);
            return text.length() > MAX_FAILED_INFO_CHARS ? text.substring(0, MAX_FAILED_INFO_CHARS) : text;
        } catch (IOException e) {
            return null;
        }
    }

    private static Optional<Path> storedPath(String path) {
        try {
            return Optional.of(Path.of(path));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The live tail while the book is in the pipeline, else the one its last run left. */
    private List<String> logTail(Job job) {
        Optional<List<String>> live = job.state().isInFlight() ? logTails.live(job.key()) : Optional.empty();
        if (live.isPresent()) {
            return live.get();
        }
        return store.notes().logTail(job.key()).map(StatusService::lines).orElse(List.of());
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> lines = List.of(text.split("\n", -1));
        List<String> kept = text.endsWith("\n") ? lines.subList(0, lines.size() - 1) : lines;
        return kept.size() > BookLogTails.MAX_LINES ? kept.subList(kept.size() - BookLogTails.MAX_LINES, kept.size())
            : kept;
    }

    private List<StatusDocument.FolderSpace> folders() {
        List<StatusDocument.FolderSpace> folders = new ArrayList<>();
        for (FolderRules.Folder folder : FolderRules.of(settings)) {
            Long free = null;
            Long total = null;
            try {
                FileStore fileStore = Files.getFileStore(folder.path());
                free = fileStore.getUsableSpace();
                total = fileStore.getTotalSpace();
            } catch (IOException | SecurityException e) {
                // a missing or unreadable folder: its space is unknown, which the page shows
            }
            folders.add(new StatusDocument.FolderSpace(folder.setting(), folder.path().toString(), free, total));
        }
        return folders;
    }

    static List<RunView> runViews(List<BookRun> runs) {
        return runs.stream().map(StatusService::runView).toList();
    }

    static RunView runView(BookRun run) {
        Long millis = run.elapsedMillis();
        return new RunView(JobIds.idOf(run.key()), run.key(), run.outcome().code(), run.finishedAt(),
            millis == null ? null : millis / 1000.0, run.audioSeconds(), run.outputBytes(), run.outputPath(),
            run.reason());
    }

    private static EventView eventView(JobEvent event) {
        return new EventView(event.at(), event.from() == null ? null : event.from().code(), event.to().code(),
            event.cause().code(), event.message());
    }

    private static AuditView auditView(AuditEntry entry) {
        return new AuditView(entry.id(), entry.at(), entry.actor(), entry.action(),
            entry.key() == null ? null : JobIds.idOf(entry.key()), entry.key(), entry.result(), entry.detail());
    }

    private static DeliveryView deliveryView(DeliveryRecord delivery) {
        return new DeliveryView(delivery.at(), delivery.event(), delivery.destination(), delivery.kind(),
            delivery.outcome(), delivery.attempts(), delivery.statusCode(), delivery.detail());
    }

    /** The last element of a key such as {@code Author/Title}. */
    static String nameOf(String key) {
        String trimmed = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        int slash = trimmed.lastIndexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(slash + 1);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return null;
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
