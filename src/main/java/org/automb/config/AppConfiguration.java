package org.automb.config;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.automb.checksum.FileHashes;
import org.automb.convert.AacJoinStep;
import org.automb.convert.BitratePolicy;
import org.automb.convert.BookPlanner;
import org.automb.convert.ChapterTitles;
import org.automb.convert.ChaptersFile;
import org.automb.convert.CodecDecider;
import org.automb.convert.ConcatEncode;
import org.automb.convert.CoverPicker;
import org.automb.convert.AudioPathDecider;
import org.automb.convert.AudioPathStep;
import org.automb.convert.ConcatCopyPass;
import org.automb.convert.ConcatEncodePass;
import org.automb.convert.FfmpegAudioCommand;
import org.automb.convert.PcmFeedPass;
import org.automb.convert.LibavEncodeStep;
import org.automb.convert.encoder.NativeCrashGuard;
import org.automb.convert.encoder.SegmentPlanner;
import org.automb.convert.encoder.SegmentedEncode;
import org.automb.convert.encoder.SourceCounter;
import org.automb.convert.ExecRunner;
import org.automb.convert.FfmetadataWriter;
import org.automb.convert.FfmpegTools;
import org.automb.convert.LibavShellWriter;
import org.automb.convert.LibavProbe;
import org.automb.convert.MuxStep;
import org.automb.convert.OutputValidator;
import org.automb.convert.PassthroughStep;
import org.automb.convert.ProbeParser;
import org.automb.convert.ProbeRunner;
import org.automb.convert.ProgressMonitor;
import org.automb.convert.SampleCounter;
import org.automb.convert.StreamCopyChapters;
import org.automb.finish.BookFinisher;
import org.automb.finish.ManifestWriter;
import org.automb.finish.OutputLayout;
import org.automb.finish.PartialsJournal;
import org.automb.finish.SafeMover;
import org.automb.intake.BookFinder;
import org.automb.intake.InboxChanges;
import org.automb.intake.InboxScanner;
import org.automb.intake.ReadinessTracker;
import java.time.ZoneId;
import org.automb.convert.ConvertTimeout;
import org.automb.jobs.BookLedger;
import org.automb.jobs.FailedBookMover;
import org.automb.jobs.FailureHandling;
import org.automb.jobs.FreeSpaceGuard;
import org.automb.jobs.RetryPolicy;
import org.automb.jobs.RetryWaits;
import org.automb.jobs.ServiceStop;
import org.automb.jobs.StartupRecovery;
import org.automb.jobs.store.JobStore;
import org.automb.jobs.BookSteps;
import org.automb.tag.TagExtractor;

/**
 * Wires the service: reads the settings from Camel's properties (the command line puts the resolved values
 * there; tests put theirs) and binds every bean the routes in {@code routes/*.yaml} refer to by name.
 */
public class AppConfiguration implements CamelConfiguration {

    private final EarlyStart earlyStart;

    /** Does all its work itself (what Camel Main and the tests instantiate). */
    public AppConfiguration() {
        this(EarlyStart.none());
    }

    /** Takes the ffmpeg and job-store work the command line began early, when the settings still match. */
    public AppConfiguration(EarlyStart earlyStart) {
        this.earlyStart = earlyStart;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        if (context.getPropertiesComponent() instanceof org.apache.camel.component.properties.PropertiesComponent properties) {
            // the command line has resolved every setting already (option > environment > file > default); left at
            // its default, Camel would look the environment up again first and let INBOX_FOLDER beat --inbox-folder
            properties.setEnvironmentVariableMode(
                org.apache.camel.component.properties.PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_NEVER);
        }
        Settings settings = readSettings(context);
        Registry registry = context.getRegistry();
        // resolved values the routes use, where the raw setting may be blank ("follow CPU_CORES")
        context.getPropertiesComponent().addInitialProperty("book.workers", String.valueOf(settings.maxParallelBooks()));
        FfmpegTools tools = earlyStart.tools(settings);
        java.util.Optional<LibavProbe> libav = earlyStart.libav(settings);
        ExecRunner exec = new ExecRunner(context.createProducerTemplate());
        ExecutorService probePool = context.getExecutorServiceManager().newFixedThreadPool(this, "probe", settings.cpuCores());
        ScheduledExecutorService ticker = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "progress");
        // a test may bind its own mover (one whose copies it damages); the service makes the real one
        SafeMover mover = java.util.Optional.ofNullable(registry.lookupByNameAndType("safeMover", SafeMover.class))
            .orElseGet(() -> new SafeMover(PartialsJournal.inWorkingFolder(settings.working())));
        OutputLayout layout = new OutputLayout(settings, mover.nameLimits());
        // the one clock of the service's logic (retries due, times in the job store, intake.json, folder names)
        Clock clock = earlyStart.clock();
        ConfigValidator.createFolders(settings);
        JobStore store = earlyStart.store(settings);
        context.addService(new ClosingService(store));
        // read before the recovery empties the working folder: which books a crash may have come from
        NativeCrashGuard crashGuard = NativeCrashGuard.fromLeftovers(settings.working());
        new StartupRecovery(settings.working(), store, mover, clock).recover();
        BookLedger ledger = new BookLedger(store, clock);
        RetryPolicy retryPolicy = new RetryPolicy(settings.retryTransientErrors(), settings.maxRetries(), settings.retryBaseDelay());
        // a stop abandons what is under way (encodes, retry waits) instead of waiting for it; see docs/reliability.md
        ServiceStop stop = new ServiceStop();
        RetryWaits retryWaits = new RetryWaits();
        registry.bind("retryWaits", retryWaits);
        context.getManagementStrategy().addEventNotifier(new StopListener(stop, retryWaits));
        long timeoutFloor = Long.parseLong(context.getPropertiesComponent().resolveProperty("convert.timeout-floor-seconds").orElse("60"));

        registry.bind("settings", settings);
        // the named checks of /health/ready (served only while the service's HTTP server runs)
        org.automb.health.ServiceHealthChecks.register(context, org.automb.health.ServiceHealthChecks.of(settings,
            LibavEncodeStep.wanted(settings, true) && settings.ffprobePath().isBlank(), libav.isPresent(), tools, store));
        registry.bind("ffmpegTools", tools);
        registry.bind("bookLedger", ledger);
        // the watch-inbox route (docs/architecture.md): file-system events mark inbox entries changed; the same pass as
        // the timer's runs once the events pause, and again once WAIT_TIME has passed, when the changed books are ready
        InboxChanges inboxChanges = new InboxChanges(settings.inbox(), clock, Duration.ofSeconds(settings.waitSeconds()));
        registry.bind("inboxChanges", inboxChanges);
        registry.bind("latestInboxChange", new org.apache.camel.processor.aggregate.UseLatestAggregationStrategy());
        context.getPropertiesComponent().addInitialProperty("inbox.folder", settings.inbox().toString());
        context.getPropertiesComponent().addInitialProperty("inbox.pass-after-wait-millis",
            String.valueOf(settings.waitSeconds() * 1000L + 250));
        context.addStartupListener(new InboxWatchStartup(settings.inbox(), settings.watchInbox()));
        registry.bind("inboxScanner", new InboxScanner(settings.inbox(),
            new BookFinder(settings.audioExtensions(), settings.matchFilter()),
            new ReadinessTracker(Duration.ofSeconds(settings.waitSeconds()), clock), ledger, inboxChanges));
        registry.bind("bookSteps", new BookSteps(settings, layout, mover, ledger,
            new FreeSpaceGuard(settings.working(), settings.converted(), settings.minFreeSpaceMb()), new ManifestWriter(clock), clock, stop));
        registry.bind("failureHandling", new FailureHandling(ledger, retryPolicy,
            new FailedBookMover(settings.failed(), mover, ZoneId.systemDefault()), settings.moveFailedBooks(), mover, clock, stop));
        registry.bind("retryPolicy", retryPolicy);
        FailureHandling failures = registry.lookupByNameAndType("failureHandling", FailureHandling.class);
        // the error handler asks these whether and when to retry: see book-errors in routes/process-book.camel.yaml
        registry.bind("recordFailureAndDecideRetry", (org.apache.camel.Processor) failures::attemptFailed);
        registry.bind("startRetry", (org.apache.camel.Processor) failures::retryStarting);
        registry.bind("bookPlanner", new BookPlanner(settings, new ProbeRunner(tools, exec, new ProbeParser(), probePool, libav),
            new CodecDecider(), new BitratePolicy(), new ChapterTitles(), new ChaptersFile(), new CoverPicker(), new TagExtractor()));
        ProgressMonitor progress = new ProgressMonitor(ticker, 5000);
        ConvertTimeout convertTimeout = new ConvertTimeout(settings.convertTimeoutFactor(), Duration.ofSeconds(timeoutFloor));
        java.util.Optional<ConcatEncode> concatEncode = libav.map(loaded -> new ConcatEncode(new SampleCounter(), probePool));
        // the ffmpeg paths' audio passes (convert/AudioPath), each a route of routes/process-book.camel.yaml
        FfmpegAudioCommand audioCommand = new FfmpegAudioCommand(tools, progress, convertTimeout);
        registry.bind("concatCopyPass", new ConcatCopyPass(audioCommand, new StreamCopyChapters(tools, exec, probePool)));
        registry.bind("concatEncodePass", new ConcatEncodePass(audioCommand, concatEncode));
        registry.bind("pcmFeedPass", new PcmFeedPass(audioCommand));
        // one pool of CPU_CORES encoders for every book: a lone book's segments use all of them, several books share them
        java.util.Optional<SegmentedEncode> segmentedEncode = concatEncode
            .filter(counter -> LibavEncodeStep.wanted(settings, true))
            .map(counter -> new SegmentedEncode(new SegmentPlanner(SegmentPlanner.PREROLL_FRAMES, 4, 8L * SegmentPlanner.PREROLL_FRAMES * SegmentPlanner.FRAME), SourceCounter.of(counter, settings.cpuCores()),
                context.getExecutorServiceManager().newFixedThreadPool(this, "encoder", settings.cpuCores()), settings.cpuCores()));
        registry.bind("libavEncodeStep", new LibavEncodeStep(segmentedEncode, progress, convertTimeout, ticker, crashGuard,
            stop));
        registry.bind("audioPathStep", new AudioPathStep(new AudioPathDecider(segmentedEncode.isPresent(),
            concatEncode.isPresent(), crashGuard::suspects, tools::unavailable), probePool));
        MuxStep muxStep = new MuxStep(tools, new FfmetadataWriter());
        registry.bind("muxStep", muxStep);
        // the checksums intake.json records, computed while a book is converted: a book's sources on one thread, its
        // output on another, behind the joiner that writes it
        FileHashes hashes = new FileHashes(context.getExecutorServiceManager().newFixedThreadPool(this, "hash",
            Math.max(2, settings.cpuCores())));
        hashes.warmUp();
        registry.bind("fileHashes", hashes);
        // the join's metadata shell in the JVM unless FFMPEG_PATH names the ffmpeg the user wants to write files
        java.util.Optional<LibavShellWriter> shellWriter = settings.ffmpegPath().isBlank() ? LibavShellWriter.load()
            : java.util.Optional.empty();
        registry.bind("aacJoinStep", new AacJoinStep(tools, muxStep, hashes, shellWriter));
        registry.bind("passthroughStep", new PassthroughStep());
        registry.bind("bookFinisher", new BookFinisher(settings, layout, mover, new OutputValidator(tools, exec, libav), new ManifestWriter(clock), hashes, clock));
    }

    /** Closes the job store when Camel stops. */
    private record ClosingService(AutoCloseable resource) implements org.apache.camel.Service {
        @Override
        public void start() {
        }

        @Override
        public void stop() {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + resource, e);
            }
        }
    }

    /** The settings as Camel's properties hold them, each missing one at its catalog default. */
    static Settings readSettings(CamelContext context) {
        SettingsCatalog catalog = new SettingsCatalog(Runtime.getRuntime().availableProcessors());
        Map<String, String> fromCamel = new HashMap<>();
        for (SettingDef def : catalog.all()) {
            context.getPropertiesComponent().resolveProperty(def.name()).ifPresent(v -> fromCamel.put(def.name(), v));
        }
        return Settings.parse(new SettingsResolver(catalog).resolve(fromCamel, name -> null, Map.of()));
    }
}
