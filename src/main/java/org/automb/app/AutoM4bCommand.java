package org.automb.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.automb.app.health.HealthRoutes;
import org.automb.app.health.ServerPort;
import org.automb.config.FolderRules;
import org.automb.config.InvalidSettingsException;
import org.automb.config.SettingDef;
import org.automb.config.Settings;
import org.automb.config.SettingsCatalog;
import org.automb.config.SettingsResolver;
import org.automb.config.StartupFailure;
import org.automb.jobs.BookLedger;
import org.automb.jobs.FolderLocks;
import org.automb.jobs.InstanceGuard;
import org.automb.jobs.store.JobState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code java -jar auto-m4b.jar}: runs the service, or with {@code --once} converts what is in the inbox now and
 * exits (0 all done, 3 some failed or held back, 2 invalid configuration). Every setting is also an option
 * ({@code --inbox-folder=...}), generated from the settings catalog.
 *
 * <p>Start-up runs in a fixed order, and each step that fails ends the start with one line and its exit code (the
 * stack trace only with DEBUG=Y): settings parsed (2), folder rules checked with nothing touched yet (2), folders
 * created and the instance lock taken (4 when another instance holds it), then the HTTP port checked free (not with
 * --once), the job store, ffmpeg and Camel started (5 when any of them fails; the service's own start-up steps and
 * their order: docs/architecture.md, "Start-up steps").
 */
@Command(name = "auto-m4b", mixinStandardHelpOptions = true, version = "auto-m4b " + AutoM4bCommand.VERSION,
    description = "Watches an inbox of audiobook folders and turns each book into one chaptered, tagged .m4b.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every book succeeded (--once), or the configuration is usable (--validate)",
        "2:the configuration is invalid, a folder is refused, or a route file or plugin jar in CONFIG_FOLDER cannot be used; every problem is listed and nothing was changed",
        "3:at least one book failed or was held back (--once; the summary names each held-back book and why, a book waiting for CONVERT_SCHEDULE or a resume with --respect-schedule), or with --tag: one needs review or failed",
        "4:another instance is already running (its PID is named)",
        "5:cannot start: the job store cannot be opened, ffmpeg cannot run, Camel fails to start, or HTTP_PORT is in use; with --status: the job store cannot be opened",
        "6:--test-notify: at least one destination did not get the test notification",
        "143:stopped by SIGTERM (docker stop): books in flight abandoned, converted again at the next start"})
public final class AutoM4bCommand implements Callable<Integer> {

    /** The program's version: {@code --version}, the status document, the User-Agent sent to Audible. */
    public static final String VERSION = "0.1.0";

    public static final int EXIT_OK = 0;
    public static final int EXIT_CONFIG = 2;
    public static final int EXIT_BOOKS_FAILED = 3;
    public static final int EXIT_ALREADY_RUNNING = 4;
    /** The environment fails the start: the job store, ffmpeg or Camel (e.g. a broken routes/*.yaml). */
    public static final int EXIT_CANNOT_START = 5;
    /** {@code --test-notify}: at least one destination did not get the test event. */
    public static final int EXIT_NOTIFY_FAILED = 6;

    @Option(names = "--once", description = "Process what is in the inbox now (waiting for books still being copied), then exit: 0 all succeeded, 3 some failed or were held back, 2 invalid configuration (see Exit codes).")
    boolean once;

    @Option(names = "--respect-schedule", description = "With --once: keep to CONVERT_SCHEDULE and a user's pause (books outside the window wait for it); without it --once converts at once.")
    boolean respectSchedule;

    @Option(names = "--validate", description = "Check the configuration (folders, numbers, ffmpeg) and list every problem.")
    boolean validate;

    @Option(names = "--status", description = "Print what the service has done and is doing (totals, recent conversions and failures, the queue), from the job store, whether or not it runs; with --json the API's status document. Exit 0, or 5 when the job store cannot be opened.")
    boolean status;

    @Option(names = "--json", description = "With --status: print the status as JSON (the document GET /api/v1/status returns).")
    boolean json;

    @Option(names = "--test-notify", description = "Send a test notification to every destination (NOTIFY_URLS, WEBHOOK_URLS, library servers) and print each outcome, then exit: 0 all sent, 6 any failed, 2 none configured or a URL invalid. Starts no inbox, touches no book.")
    boolean testNotify;

    @Option(names = "--help-config", description = "Print every setting with its type, default and meaning.")
    boolean helpConfig;

    @Option(names = "--tag", paramLabel = "PATH", description = "Tag an existing .m4b, or every .m4b under a folder, from Audible (match, chapters, tags; docs/tagging.md), outside the pipeline, then exit: 0 all tagged, 3 some need review or failed.")
    Path tagPath;

    @Option(names = "--asin", paramLabel = "ASIN", description = "With --tag: the book's ASIN (B0...), instead of the hints and the search.")
    String asin;

    @Option(names = "--region", paramLabel = "REGION", description = "With --tag: the Audible marketplace (us, uk, ca, au, de, fr, it, es, in, jp) instead of AUDIBLE_REGION.")
    String region;

    @Option(names = "--dry-run", description = "With --tag: print what would change and write nothing.")
    boolean dryRun;

    @Option(names = "--refresh-metadata", description = "With --tag: ask Audible and Audnexus again, even what the cache holds (the answers replace the cached ones).")
    boolean refreshMetadata;

    @Spec
    CommandSpec spec;

    /** Why the HTTP server does not listen although Camel started (a port taken at the last moment). */
    private volatile String serverFailure;

    /** Set once Camel has started: a failure after that is not a start-up failure. */
    private volatile boolean camelStarted;

    /** How long --once waits after the last book for its notifications still queued, in flight or waiting to retry. */
    static final java.time.Duration ONCE_NOTIFY_LIMIT = java.time.Duration.ofSeconds(60);

    /** The route file of the REST API, left out where no HTTP server runs (its Rest DSL needs one). */
    public static final String API_ROUTES = "**/api.camel.yaml";

    /**
     * What a one-shot run leaves out: the REST API, and the health watch (a cron job running --once would announce a
     * persisting issue on every run; its books' failures and its exit code tell that run's problems).
     */
    /** The quiet hours' route (routes/convert-window.camel.yaml), loaded only where a window applies. */
    static final String CONVERT_WINDOW_ROUTES = "**/convert-window.camel.yaml";
    public static final String ONE_SHOT_EXCLUDED_ROUTES = API_ROUTES + ",**/health-watch.camel.yaml";

    private final SettingsCatalog catalog = new SettingsCatalog(Runtime.getRuntime().availableProcessors());

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Parses and runs; returns the exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        AutoM4bCommand command = new AutoM4bCommand();
        CommandLine cli = new CommandLine(command);
        command.catalog.all().forEach(def -> cli.getCommandSpec().addOption(OptionSpec.builder(optionName(def))
            .paramLabel(def.type().contains(" ") ? "VALUE" : def.type().toUpperCase(Locale.ROOT))
            .description(def.meaning() + (def.defaultValue().isEmpty() ? "" : " (default " + def.defaultValue() + ")"))
            .type(String.class).build()));
        return cli.execute(args);
    }

    static String optionName(SettingDef def) {
        return "--" + def.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (helpConfig) {
            out.print(catalog.describe());
            out.flush();
            return EXIT_OK;
        }
        Map<String, String> raw = new SettingsResolver(catalog).resolve(commandLineValues(), System::getenv, fileValues());
        Settings settings;
        try {
            settings = Settings.parse(raw);
        } catch (InvalidSettingsException e) {
            if (validate) {
                // list every problem at once: the invalid values, and what the folders, store and ffmpeg checks find
                ConfigValidator.Report report = new ConfigValidator().check(raw);
                List<String> problems = new java.util.ArrayList<>(e.problems());
                problems.addAll(report.problems());
                print(new ConfigValidator.Report(problems, report.warnings(), report.notes()), out, err);
            } else {
                err.println(e.getMessage());
            }
            err.flush();
            return EXIT_CONFIG;
        }
        if (validate) {
            ConfigValidator.Report report = new ConfigValidator().check(settings);
            print(report, out, err);
            return report.problems().isEmpty() ? EXIT_OK : EXIT_CONFIG;
        }
        List<String> naming = new java.util.ArrayList<>(org.automb.tagging.OutputNaming.problems(settings.tagging().outputNaming()));
        // NOTIFY_URLS and WEBHOOK_URLS entries that cannot be used: one line each, by position (never the URL)
        naming.addAll(org.automb.notify.Destinations.problems(settings.notifications()));
        if (!naming.isEmpty()) {
            naming.forEach(problem -> err.println("problem: " + problem));
            err.flush();
            return EXIT_CONFIG;
        }
        List<String> script = org.automb.notify.PostConvertScript.problems(settings.notifications().postConvertScript());
        if (!script.isEmpty()) {
            script.forEach(problem -> err.println("problem: " + problem));
            err.flush();
            return EXIT_CONFIG;
        }
        if (status) {
            return new StatusCommand(settings, java.time.Clock.systemDefaultZone(), out, err).run(json);
        }
        if (testNotify) {
            return new TestNotifyCommand(settings, out, err).run();
        }
        if (json) {
            err.println("--json goes with --status");
            err.flush();
            return EXIT_CONFIG;
        }
        if (tagPath != null) {
            return new TagCommand(settings, out, err).run(new TagCommand.Request(tagPath, Optional.ofNullable(asin),
                Optional.ofNullable(region), dryRun, refreshMetadata));
        }
        if (asin != null || region != null || dryRun || refreshMetadata) {
            err.println("--asin, --region, --dry-run and --refresh-metadata go with --tag PATH");
            err.flush();
            return EXIT_CONFIG;
        }
        // LOG_FORMAT=json: from the first line the service logs
        LogFormatSwitch.apply(settings.operations().logFormat());
        if (settings.debug()) {
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.automb", org.apache.logging.log4j.Level.DEBUG);
        }
        // before anything is created, locked or opened: a refused start changes nothing in any folder
        FolderRules.Verdict folders = new FolderRules().check(FolderRules.of(settings));
        if (folders.refused()) {
            folders.refusals().forEach(refusal -> err.println("problem: " + refusal));
            err.println("auto-m4b did not start: " + folders.refusals().size() + " folder problem(s); nothing was changed");
            err.flush();
            return EXIT_CONFIG;
        }
        // the user's route files (CONFIG_FOLDER/routes/*.yaml), read before anything starts: one line per broken file
        List<String> routeProblems = new UserRoutes(settings.config()).problems();
        if (!routeProblems.isEmpty()) {
            routeProblems.forEach(problem -> err.println("problem: " + problem));
            err.flush();
            return EXIT_CONFIG;
        }
        // the user's plugin jars (CONFIG_FOLDER/plugins/*.jar): one line per jar that cannot be used
        List<String> pluginProblems = new org.automb.plugins.PluginJars(settings.config()).problems();
        if (!pluginProblems.isEmpty()) {
            pluginProblems.forEach(problem -> err.println("problem: " + problem));
            err.flush();
            return EXIT_CONFIG;
        }
        try {
            return startLocked(settings, raw, err);
        } catch (Exception e) {
            java.util.Optional<org.automb.plugins.PluginJars.BrokenPluginException> plugin =
                org.automb.plugins.PluginJars.BrokenPluginException.in(e);
            if (plugin.isPresent()) {
                // a plugin's bean or configure threw while the service bound it: the plugin is refused, as a bad jar is
                err.println("problem: " + StartupFailure.oneLine(plugin.get().getMessage()));
                err.flush();
                return EXIT_CONFIG;
            }
            err.println((camelStarted ? "auto-m4b stopped on an error: " : "auto-m4b cannot start: ") + StartupFailure.describe(e));
            if (settings.debug()) {
                e.printStackTrace(err);
            }
            err.flush();
            return EXIT_CANNOT_START;
        }
    }

    /** Creates the folders, takes the instance lock and runs the service while holding it. */
    private int startLocked(Settings settings, Map<String, String> raw, PrintWriter err) throws Exception {
        ConfigValidator.createFolders(settings);
        // where the user's route files go (docs/plugins.md): there from the first start, in the config volume
        Files.createDirectories(new UserRoutes(settings.config()).folder());
        Files.createDirectories(new org.automb.plugins.PluginJars(settings.config()).folder());
        // claimed before anything in the folders is touched (the job store, the working folder's cleanup)
        // the service's one clock; its zone (the system's) is the one for times users read, such as FAILED_INFO.txt's
        java.time.Clock clock = java.time.Clock.systemDefaultZone();
        InstanceGuard guard = FolderLocks.of(settings, clock);
        InstanceGuard.Claim claim;
        try {
            claim = guard.claim();
        } catch (InstanceGuard.AlreadyRunningException e) {
            err.println(e.getMessage());
            err.flush();
            return EXIT_ALREADY_RUNNING;
        } catch (IOException e) {
            err.println("cannot lock the folders against a second instance: "
                + (e instanceof java.nio.file.AccessDeniedException ? "permission denied: " : "") + e.getMessage()
                + " (the inbox, working, converted and config folders must be writable)");
            err.flush();
            return EXIT_CONFIG;
        }
        try (InstanceGuard.Claim held = claim) {
            if (!once) {
                ServerPort.requireFree(settings.httpHost(), settings.httpPort());
            }
            EarlyStart earlyStart = EarlyStart.begin(settings, clock);
            try {
                return runService(settings, raw, earlyStart);
            } catch (Exception | Error e) {
                // nothing of the start may still be loading (and printing) when the process exits on this failure
                earlyStart.settle(java.time.Duration.ofSeconds(30));
                throw e;
            }
        }
    }

    /** --validate's output: problems and warnings on stderr, notes and the verdict on stdout. */
    private static void print(ConfigValidator.Report report, PrintWriter out, PrintWriter err) {
        report.problems().forEach(p -> err.println("problem: " + p));
        report.warnings().forEach(w -> err.println("warning: " + w));
        report.notes().forEach(n -> out.println("note: " + n));
        if (!report.problems().isEmpty()) {
            out.println(report.problems().size() + " problem(s) found");
        } else {
            out.println(report.warnings().isEmpty() ? "configuration OK" : "configuration OK, " + report.warnings().size() + " warning(s)");
        }
        out.flush();
        err.flush();
    }

    private int runService(Settings settings, Map<String, String> raw, EarlyStart earlyStart) throws Exception {
        Main main = new Main();
        main.configure().addConfiguration(new AppConfiguration(earlyStart));
        main.setPropertyPlaceholderLocations("classpath:application.properties;optional=true,file:application.properties;optional=true");
        Properties overrides = new Properties();
        overrides.putAll(raw);
        if (once) {
            overrides.put("scan.period", "1s");
            // the REST API's routes need the HTTP server, which --once does not run; no health watch either
            overrides.put("camel.main.routes-exclude-pattern", ONE_SHOT_EXCLUDED_ROUTES);
            // no HTTP server with --once: the management one (/observe/*) would otherwise listen on 8080
            overrides.put("camel.management.enabled", "false");
            // nor metrics or MBeans, which nothing could read: their registries and 1,200 classes cost a one-shot run
            // about 0.8 s of its start (docs/performance.md)
            overrides.put("camel.metrics.enabled", "false");
            overrides.put("camel.main.jmx-enabled", "false");
            // a one-shot run converts now unless told to keep to the quiet hours (ScheduleWiring)
            overrides.put(ScheduleWiring.GATE_APPLIES, String.valueOf(respectSchedule));
        } else {
            // the service's one HTTP server (Camel Main's embedded Vert.x server): health now, the API later
            overrides.put("camel.server.enabled", "true");
            overrides.put("camel.server.host", settings.httpHost());
            overrides.put("camel.server.port", String.valueOf(settings.httpPort()));
            // /observe/* (metrics, Jolokia) on the same server: with another port Camel 4.17 starts a second one,
            // outside the access guard (docs/monitoring.md)
            overrides.put("camel.management.enabled", "true");
            overrides.put("camel.management.host", settings.httpHost());
            overrides.put("camel.management.port", String.valueOf(settings.httpPort()));
            main.configure().addRoutesBuilder(new HealthRoutes());
            // the web layer's own guard authenticates every request (WebSecurityWiring); Camel's must not add a second
            overrides.put("camel.server.authenticationEnabled", "false");
            main.configure().addConfiguration(new WebSecurityWiring(settings, earlyStart.clock()));
        }
        if (settings.operations().convertSchedule().isBlank() || (once && !respectSchedule)) {
            // no window to open: its Quartz route, and the Quartz scheduler that would start and stop with it, are
            // left out (about 0.3 s of a one-shot run)
            String excluded = overrides.getProperty("camel.main.routes-exclude-pattern");
            overrides.put("camel.main.routes-exclude-pattern",
                (excluded == null ? "" : excluded + ",") + CONVERT_WINDOW_ROUTES);
        }
        // the built-in routes, then the user's own (docs/plugins.md), reloaded live with ROUTES_RELOAD=Y
        UserRoutes userRoutes = new UserRoutes(settings.config());
        overrides.put("camel.main.routes-include-pattern",
            userRoutes.includePattern(Files.isDirectory(Path.of("routes")) ? "file:routes/*.yaml" : "classpath:routes/*.yaml"));
        if (settings.operations().routesReload() && !once) {
            overrides.putAll(userRoutes.reloadProperties());
        }
        main.setOverrideProperties(overrides);
        BookLedger[] ledger = new BookLedger[1];
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                if (!once) {
                    java.util.Optional<Integer> port = ServerPort.listening(started.getCamelContext());
                    if (port.isEmpty()) {
                        // the port was taken between the check and the bind: Camel carries on without a server
                        serverFailure = ServerPort.inUse(settings.httpHost(), settings.httpPort());
                        main.completed();
                        return;
                    }
                    org.slf4j.LoggerFactory.getLogger(AutoM4bCommand.class).info(
                        "HTTP server listening on {}:{} (the dashboard at {}/, /health/live, /health/ready)",
                        settings.httpHost(), port.get(), settings.web().urlBase());
                }
                camelStarted = true;
                ledger[0] = started.getCamelContext().getRegistry().lookupByNameAndType("bookLedger", BookLedger.class);
                if (once) {
                    org.automb.steps.TagStep tags = started.getCamelContext().getRegistry()
                        .lookupByNameAndType("tagStep", org.automb.steps.TagStep.class);
                    org.apache.camel.CamelContext camel = started.getCamelContext();
                    Thread watcher = new Thread(() -> completeWhenSettled(main, ledger[0], tags, camel), "once-watcher");
                    watcher.setDaemon(true);
                    watcher.start();
                }
            }
        });
        main.run();
        if (serverFailure != null) {
            throw new IllegalStateException(serverFailure);
        }
        if (!once || ledger[0] == null) {
            return EXIT_OK;
        }
        Map<JobState, Integer> counts = ledger[0].counts();
        int failed = counts.getOrDefault(JobState.FAILED, 0);
        Map<String, String> heldBack = ledger[0].heldBack();
        // a book waiting for review (REVIEW_BEFORE_RELEASE) is converted as well
        int converted = counts.getOrDefault(JobState.DONE, 0) + counts.getOrDefault(JobState.REVIEW, 0);
        System.out.printf("auto-m4b: %d converted, %d failed, %d skipped, %s%n", converted,
            failed, counts.getOrDefault(JobState.SKIPPED, 0), heldBackSummary(heldBack));
        return failed > 0 || !heldBack.isEmpty() ? EXIT_BOOKS_FAILED : EXIT_OK;
    }

    /** "0 held back", or "2 held back: 'A' (reason), 'B' (reason)". */
    static String heldBackSummary(Map<String, String> heldBack) {
        StringBuilder line = new StringBuilder().append(heldBack.size()).append(" held back");
        String separator = ": ";
        for (Map.Entry<String, String> book : heldBack.entrySet()) {
            line.append(separator).append('\'').append(book.getKey()).append("' (").append(book.getValue()).append(')');
            separator = ", ";
        }
        return line.toString();
    }

    private static void completeWhenSettled(Main main, BookLedger ledger, org.automb.steps.TagStep tagStep,
                                            org.apache.camel.CamelContext camel) {
        try {
            while (!ledger.awaitSettled(1, TimeUnit.SECONDS)) {
                // keep waiting: books are converting or still being copied
            }
            // and for the books on the tag queue (TAG_MODE=async, or a tagging retried after delivery)
            while (tagStep != null && tagStep.queued() > 0) {
                Thread.sleep(100);
            }
            // and, bounded, for the books' notifications (what is left then is named as abandoned at the stop)
            OnceNotifications.awaitSent(camel, ONCE_NOTIFY_LIMIT);
            main.completed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, String> commandLineValues() {
        Map<String, String> values = new HashMap<>();
        ParseResult parsed = spec.commandLine().getParseResult();
        for (SettingDef def : catalog.all()) {
            String value = parsed.matchedOptionValue(optionName(def), (String) null);
            if (value != null) {
                values.put(def.name(), value);
            }
        }
        return values;
    }

    /** application.properties from the jar, then the one in the working folder (which wins). */
    private static Map<String, String> fileValues() throws IOException {
        Properties props = new Properties();
        try (InputStream in = AutoM4bCommand.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                props.load(in);
            }
        }
        Path local = Path.of("application.properties");
        if (Files.isRegularFile(local)) {
            try (InputStream in = Files.newInputStream(local)) {
                props.load(in);
            }
        }
        Map<String, String> values = new HashMap<>();
        props.stringPropertyNames().forEach(name -> values.put(name, props.getProperty(name)));
        return values;
    }
}
