package org.automb.app;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.automb.config.SettingDef;
import org.automb.config.Settings;
import org.automb.config.SettingsCatalog;
import org.automb.config.SettingsResolver;
import org.automb.io.SafeMover;
import org.automb.media.ffmpeg.ExecRunner;

/**
 * Wires the service: reads the settings from Camel's properties (the command line puts the resolved values
 * there; tests put theirs), runs the start-up steps ({@link ServiceStartup}) and binds every bean the routes in
 * {@code routes/*.yaml} refer to by name, one subsystem at a time ({@link HealthWiring}, {@link DeliveryWiring},
 * {@link JobWiring}, {@link IntakeWiring}, {@link AudioWiring}, {@link TaggingWiring}, {@link StatusWiring},
 * {@link ReviewWiring}, {@link ActionsWiring}, {@link JmxWiring}, {@link NotifyWiring}, {@link WebWiring}).
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
        Map<String, String> values = readValues(context);
        Settings settings = Settings.parse(values);
        Registry registry = context.getRegistry();
        // the one clock of the service's logic (retries due, times in the job store, intake.json, folder names)
        Clock clock = earlyStart.clock();
        SafeMover mover = DeliveryWiring.mover(registry, settings);
        // start-up work, in its fixed order (docs/architecture.md, "Start-up steps"); a failing step ends the start
        ServiceStartup.Started started = new ServiceStartup(context, this, settings, earlyStart, mover, clock).run();
        MediaTools media = new MediaTools(started.tools(), started.libav(), new ExecRunner(context.createProducerTemplate()));

        // wiring: each subsystem binds the beans its routes refer to, from what the ones below it give
        registry.bind("settings", settings);
        registry.bind("ffmpegTools", media.tools());
        var readinessChecks = HealthWiring.bind(context, settings, media, started.store());
        StatusWiring status = StatusWiring.prepare(context, started.store(), clock);
        DeliveryWiring delivery = DeliveryWiring.bind(context, settings, clock, media, mover, started.hashes());
        var cancellations = ReviewWiring.bindCancellations(context, settings, started.store());
        JobWiring jobs = JobWiring.bind(context, settings, clock, started.store(), delivery, status.recorder(), cancellations);
        ScheduleWiring schedule = ScheduleWiring.bind(context, settings, clock, started.store());
        IntakeWiring.bind(context, settings, clock, jobs.ledger(), schedule.gate());
        AudioWiring.bind(context, this, settings, media, started.crashGuard(), jobs.stop(), delivery.hashes(),
            status.progressSink());
        TaggingWiring tagging = TaggingWiring.bind(context, settings, clock, started.store(), media, status.recorder());
        status.bind(context, this, settings);
        NotifyWiring notify = NotifyWiring.bind(context, settings, clock, started.store());
        // the extension points of the flow (docs/plugins.md), no-ops until a user route takes one over
        registry.bind("pluginPoints", new org.automb.plugins.PluginPoints(context, started.store().deliveries(), clock,
            tagging.writer()));
        // a user's route there reports its failure to pluginPoints (one WARN line), not through an error handler
        context.getCamelContextExtension().getContextPlugin(org.apache.camel.model.Model.class)
            .addModelLifecycleStrategy(new org.automb.plugins.PluginRouteErrors());
        HealthWiring.bindWatch(context, readinessChecks, clock, notify.publisher());
        ReviewWiring.bindGate(context, settings, clock, started.store(), delivery);
        ActionsWiring actions = ActionsWiring.bind(context, settings, clock, started.store(), delivery);
        // the application's MBeans (org.automb): the queue and the same actions over JMX and Jolokia
        JmxWiring.bind(context, started.store(), actions.actions());
        if (MetricsWiring.enabled(context)) {
            MetricsWiring.bind(context, settings, clock, started.store());
        }
        if (WebWiring.serverRuns(context)) {
            // the REST API (routes/api.camel.yaml) lives on the HTTP server, which only the service runs
            WebWiring.bind(context, settings);
        }
        // Java plugins (CONFIG_FOLDER/plugins/*.jar, docs/plugins.md): their class loader and beans, last (a plugin's
        // @BeanInject or configure may look up the service's beans), before Camel Main reads the route files that name them
        new org.automb.plugins.PluginJars(settings.config()).load(context);
        logBanner(context, settings, values, media);
    }

    /** Once per start (service and --once): version, folders, encoder, ffmpeg, statistics, settings (secrets masked). */
    private static void logBanner(CamelContext context, Settings settings, Map<String, String> values, MediaTools media) {
        org.automb.status.Totals lifetime = context.getRegistry()
            .lookupByNameAndType("statusService", org.automb.status.StatusService.class).lifetimeTotals();
        StartupBanner.Facts facts = new StartupBanner.Facts(StatusWiring.version(), settings, values,
            StartupBanner.encoder(settings, media), StartupBanner.ffmpegVersion(settings), lifetime);
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StartupBanner.class);
        new StartupBanner(new SettingsCatalog(Runtime.getRuntime().availableProcessors())).lines(facts).forEach(log::info);
    }

    /** The settings as Camel's properties hold them, each missing one at its catalog default. */
    static Settings readSettings(CamelContext context) {
        return Settings.parse(readValues(context));
    }

    /** Every setting's effective value as Camel's properties hold them, each missing one at its catalog default. */
    static Map<String, String> readValues(CamelContext context) {
        SettingsCatalog catalog = new SettingsCatalog(Runtime.getRuntime().availableProcessors());
        Map<String, String> fromCamel = new HashMap<>();
        for (SettingDef def : catalog.all()) {
            context.getPropertiesComponent().resolveProperty(def.name()).ifPresent(v -> fromCamel.put(def.name(), v));
        }
        return new SettingsResolver(catalog).resolve(fromCamel, name -> null, Map.of());
    }
}
