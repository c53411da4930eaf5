package org.automb.app;

import org.apache.camel.CamelContext;
import org.automb.app.health.ServiceHealthChecks;
import org.automb.audio.libav.LibavEncodeStep;
import org.automb.config.Settings;
import org.automb.jobs.store.JobStore;
import org.automb.media.ffmpeg.FfmpegTools;

/**
 * The named checks of {@code /health/ready} (served only while the service's HTTP server runs): the folders, free
 * space, the encoder and the job store.
 */
final class HealthWiring {

    private HealthWiring() {
    }

    static void bind(CamelContext context, Settings settings, MediaTools media, JobStore store) {
        FfmpegTools tools = media.tools();
        java.util.Optional<org.automb.plan.LibavProbe> libav = media.libav();
        ServiceHealthChecks.register(context, ServiceHealthChecks.of(settings,
            LibavEncodeStep.wanted(settings, true) && settings.ffprobePath().isBlank(), libav.isPresent(), tools, store));
    }
}
