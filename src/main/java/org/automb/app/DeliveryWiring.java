package org.automb.app;

import java.time.Clock;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.automb.config.Settings;
import org.automb.deliver.BookFinisher;
import org.automb.deliver.ManifestWriter;
import org.automb.deliver.OutputLayout;
import org.automb.deliver.OutputValidator;
import org.automb.io.FileHashes;
import org.automb.io.PartialsJournal;
import org.automb.io.SafeMover;
import org.automb.media.ffmpeg.ExecRunner;
import org.automb.media.ffmpeg.FfmpegTools;
import org.automb.plan.LibavProbe;
import org.automb.tagging.OutputNaming;

/**
 * The delivery subsystem: the mover, where a book's output goes ({@link OutputLayout}) and the finisher that
 * validates, delivers and archives it (bean {@code bookFinisher}).
 */
record DeliveryWiring(SafeMover mover, OutputLayout layout, FileHashes hashes) {

    /**
     * The service's mover. A test may bind its own as {@code safeMover} (one whose copies it damages); the service
     * makes the real one, which writes down its partial copies in the working folder for the next start's recovery.
     */
    static SafeMover mover(Registry registry, Settings settings) {
        return Optional.ofNullable(registry.lookupByNameAndType("safeMover", SafeMover.class))
            .orElseGet(() -> new SafeMover(PartialsJournal.inWorkingFolder(settings.working())));
    }

    /** Binds the delivery beans; {@code hashes} comes from the start-up step that warmed it up. */
    static DeliveryWiring bind(CamelContext context, Settings settings, Clock clock, MediaTools media, SafeMover mover,
                               FileHashes hashes) {
        Registry registry = context.getRegistry();
        FfmpegTools tools = media.tools();
        ExecRunner exec = media.exec();
        Optional<LibavProbe> libav = media.libav();
        // OUTPUT_NAMING, checked before the start (AutoM4bCommand, ConfigValidator)
        OutputNaming naming = OutputNaming.parse(settings.tagging().outputNaming());
        OutputLayout layout = new OutputLayout(settings, mover.nameLimits(), naming);
        registry.bind("bookFinisher", new BookFinisher(settings, layout, mover, new OutputValidator(tools, exec, libav), new ManifestWriter(clock, pluginFields(registry)), hashes, clock));
        return new DeliveryWiring(mover, layout, hashes);
    }

    /**
     * intake.json's plugin fields (direct:plugin-intake, docs/plugins.md) from the bean pluginPoints, looked up when a
     * book is delivered: the extension points are bound after this subsystem.
     */
    private static org.automb.deliver.ManifestExtension pluginFields(Registry registry) {
        return (book, manifest) -> Optional.ofNullable(
                registry.lookupByNameAndType("pluginPoints", org.automb.plugins.PluginPoints.class))
            .map(points -> points.intakeFields(book, manifest)).orElse(java.util.Map.of());
    }
}
