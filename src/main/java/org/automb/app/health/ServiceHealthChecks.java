package org.automb.app.health;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.automb.config.FolderRules;
import org.automb.config.Settings;
import org.automb.jobs.store.JobStore;
import org.automb.media.ffmpeg.FfmpegTools;

/** The service's readiness checks for its settings, in the order {@code /health/ready} reports them. */
public final class ServiceHealthChecks {

    private ServiceHealthChecks() {
    }

    /**
     * One check per folder the service uses (as {@link FolderRules#of} lists them), then free space, the encoder and
     * the job store.
     *
     * @param inJvmEncoder    the settings ask for the in-JVM encoder
     * @param librariesLoaded the bundled ffmpeg libraries loaded in the JVM
     */
    public static List<ReadinessCheck> of(Settings settings, boolean inJvmEncoder, boolean librariesLoaded,
                                          FfmpegTools tools, JobStore store) {
        List<ReadinessCheck> checks = new ArrayList<>();
        for (FolderRules.Folder folder : FolderRules.of(settings)) {
            checks.add(new FolderCheck(folder, checks.size()));
        }
        Map<String, Path> written = new LinkedHashMap<>();
        written.put("WORKING_FOLDER", settings.working());
        written.put("CONVERTED_FOLDER", settings.converted());
        checks.add(new FreeSpaceCheck(written, settings.minFreeSpaceMb(), checks.size()));
        // the ffmpeg program is asked for only when it encodes: the default path never loads it
        List<String> ffmpegCommand = inJvmEncoder || tools == null ? List.of() : tools.ffmpegCommand(List.of());
        checks.add(new EncoderCheck(inJvmEncoder, librariesLoaded, ffmpegCommand, checks.size()));
        checks.add(new JobStoreCheck(store, checks.size()));
        return checks;
    }

    /** Registers {@code checks} with the context's health-check registry. */
    public static void register(CamelContext context, List<? extends HealthCheck> checks) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        if (registry == null) {
            throw new IllegalStateException("Camel's health-check registry is missing (camel-health not on the classpath?)");
        }
        checks.forEach(registry::register);
    }
}
