package org.automb.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.automb.audio.libav.LibavEncodeStep;
import org.automb.config.FolderRules;
import org.automb.config.SecretValues;
import org.automb.config.SettingDef;
import org.automb.config.Settings;
import org.automb.config.SettingsCatalog;
import org.automb.status.Totals;

/**
 * The lines logged once at each start (service and --once): the version, the folders, the encoder and the ffmpeg in
 * use, the lifetime statistics and the effective value of every setting, secrets masked ({@link SecretValues}), so a
 * pasted start-up log says how the service was configured without giving a credential away.
 */
final class StartupBanner {

    /** Settings per line in the configuration block; keeps the banner short yet greppable. */
    private static final int LINE_WIDTH = 140;

    /** What the banner shows, gathered at start. */
    record Facts(String version, Settings settings, Map<String, String> values, String encoder, String ffmpeg,
                 Totals lifetime) {
    }

    private final SettingsCatalog catalog;

    StartupBanner(SettingsCatalog catalog) {
        this.catalog = catalog;
    }

    List<String> lines(Facts facts) {
        List<String> lines = new ArrayList<>();
        lines.add("auto-m4b " + facts.version() + " starting");
        for (FolderRules.Folder folder : FolderRules.of(facts.settings())) {
            lines.add(String.format("  %-16s %s", folder.setting(), folder.path().toAbsolutePath().normalize()));
        }
        lines.add("  encoder          " + facts.encoder());
        lines.add("  ffmpeg           " + facts.ffmpeg());
        lines.add("  lifetime         " + statistics(facts.lifetime()));
        StringBuilder line = new StringBuilder("  settings        ");
        for (SettingDef def : catalog.all()) {
            String entry = " " + def.name() + "=" + SecretValues.shown(def, facts.values().get(def.name()));
            if (line.length() + entry.length() > LINE_WIDTH && !line.toString().isBlank()) {
                lines.add(line.toString());
                line = new StringBuilder("                  ");
            }
            line.append(entry);
        }
        lines.add(line.toString());
        return lines;
    }

    /** "12 converted, 3 passed through, 1 failed; 10 tagged, 2 needing review; 41.5 h of audio, 2.1 GB delivered". */
    static String statistics(Totals totals) {
        return String.format(Locale.ROOT,
            "%d converted, %d passed through, %d failed; %d tagged, %d needing review; %.1f h of audio, %.1f GB delivered",
            totals.converted(), totals.passedThrough(), totals.failed(), totals.tagged(), totals.needsReview(),
            totals.audioHours(), totals.audioBytes() / 1e9);
    }

    /** The encoder books are converted with, as {@link AudioWiring} chooses it. */
    static String encoder(Settings settings, MediaTools media) {
        if (LibavEncodeStep.wanted(settings, media.libav().isPresent())) {
            return "libav (in the JVM, up to " + settings.cpuCores() + " encoders at once)";
        }
        return "ffmpeg (one process per book: " + (settings.ffmpegPath().isBlank() ? "the bundled ffmpeg" : settings.ffmpegPath()) + ")";
    }

    /**
     * The ffmpeg version: the named program's first {@code -version} line (run without a shell, bounded), or the
     * bundled libraries' version, which the bundled programs share.
     */
    static String ffmpegVersion(Settings settings) {
        if (!settings.ffmpegPath().isBlank()) {
            return programVersion(settings.ffmpegPath());
        }
        try {
            return "bundled FFmpeg " + org.bytedeco.ffmpeg.global.avutil.av_version_info().getString();
        } catch (Throwable e) {
            // the libraries cannot load here; the start-up steps or the first book say why
            return "bundled FFmpeg (version unknown: " + e.getClass().getSimpleName() + ")";
        }
    }

    private static String programVersion(String program) {
        try {
            Process process = new ProcessBuilder(program, "-hide_banner", "-version").redirectErrorStream(true).start();
            String first;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                first = out.readLine();
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return program + ": " + (first == null ? "(no version printed)" : first.strip());
        } catch (java.io.IOException e) {
            return program + " (version unknown: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return program + " (version unknown: interrupted)";
        }
    }
}
