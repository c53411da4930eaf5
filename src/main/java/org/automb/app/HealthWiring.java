package org.automb.app;

import java.time.Clock;
import java.util.List;
import org.apache.camel.CamelContext;
import org.automb.app.health.HealthWatch;
import org.automb.app.health.ReadinessCheck;
import org.automb.app.health.ServiceHealthChecks;
import org.automb.audio.libav.LibavEncodeStep;
import org.automb.config.Settings;
import org.automb.jobs.store.JobStore;
import org.automb.media.ffmpeg.FfmpegTools;
import org.automb.notify.EventPublisher;

/**
 * The named checks of {@code /health/ready} (served only while the service's HTTP server runs): the folders, free
 * space, the encoder and the job store; and the health watch that announces a folder, free space or job store
 * issue (route watch-health).
 */
final class HealthWiring {

    private HealthWiring() {
    }

    /** Registers the checks; returns them for {@link #bindWatch}. */
    static List<ReadinessCheck> bind(CamelContext context, Settings settings, MediaTools media, JobStore store) {
        FfmpegTools tools = media.tools();
        java.util.Optional<org.automb.plan.LibavProbe> libav = media.libav();
        List<ReadinessCheck> checks = ServiceHealthChecks.of(settings,
            LibavEncodeStep.wanted(settings, true) && settings.ffprobePath().isBlank(), libav.isPresent(), tools, store);
        ServiceHealthChecks.register(context, checks);
        return checks;
    }

    /** Bean {@code healthWatch} of route watch-health; after {@link NotifyWiring}, whose publisher it uses. */
    static void bindWatch(CamelContext context, List<ReadinessCheck> checks, Clock clock, EventPublisher publisher) {
        context.getRegistry().bind("healthWatch", new HealthWatch(HealthWatch.watched(checks), publisher, clock));
    }
}
