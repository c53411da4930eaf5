package org.automb.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.automb.config.FolderRules;
import org.automb.config.Settings;
import org.automb.jobs.store.JobStore;
import org.automb.jobs.ConversionGate;
import org.automb.metrics.BookMetrics;
import org.automb.metrics.ConversionHeldMeter;
import org.automb.notify.NotificationCounters;

/**
 * The application's meters ({@link BookMetrics}, bean {@code bookMetrics}) on Camel's Micrometer registry, bean
 * {@value #REGISTRY}: the one camel-micrometer-prometheus serves at /observe/metrics. Bound here when Camel has not
 * made it yet; Camel then takes this one (it looks the name up before it makes its own).
 */
final class MetricsWiring {

    /** The name camel-micrometer(-prometheus) looks its registry up by (MicrometerConstants.METRICS_REGISTRY_NAME). */
    static final String REGISTRY = "metricsRegistry";

    private MetricsWiring() {
    }

    /** Whether Camel serves metrics here (camel.metrics.enabled): not with --once, which has no HTTP server. */
    static boolean enabled(CamelContext context) {
        return context.getPropertiesComponent().resolveProperty("camel.metrics.enabled").map(Boolean::parseBoolean)
            .orElse(false);
    }

    static void bind(CamelContext context, Settings settings, Clock clock, JobStore store) {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType(REGISTRY, MeterRegistry.class);
        if (registry == null) {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            context.getRegistry().bind(REGISTRY, registry);
        }
        Map<String, Path> folders = new LinkedHashMap<>();
        FolderRules.of(settings).forEach(folder -> folders.put(folder.setting(), folder.path()));
        BookMetrics metrics = new BookMetrics(store,
            () -> context.getRegistry().lookupByNameAndType("notificationCounters", NotificationCounters.class),
            folders, clock);
        metrics.bindTo(registry);
        // automb_conversion_held: the same gate the inbox scan asks (ScheduleWiring, bound before this)
        new ConversionHeldMeter(context.getRegistry().lookupByNameAndType("conversionGate", ConversionGate.class))
            .bindTo(registry);
        // Micrometer keeps only weak references to a function meter's object: the bean keeps it alive
        context.getRegistry().bind("bookMetrics", metrics);
    }
}
