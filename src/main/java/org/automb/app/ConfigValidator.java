package org.automb.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.automb.config.FolderRules;
import org.automb.config.Settings;
import org.automb.config.StartupFailure;
import org.automb.jobs.store.JobStore;
import org.automb.jobs.store.StoreInspection;
import org.automb.media.ffmpeg.FfmpegTools;
import org.automb.plan.LibavProbe;

/**
 * The checks behind {@code --validate}: the folder rules (the very ones the start applies, {@link FolderRules}), the
 * job store as the start will find it, and ffmpeg and ffprobe running. Lists everything at once and changes nothing.
 */
public final class ConfigValidator {

    /**
     * What {@code --validate} found.
     *
     * @param problems what stops the service from starting (or from converting anything)
     * @param warnings what the start will repair, losing something the user should know about
     * @param notes    what the start will do that is worth saying (create a folder, a database)
     */
    public record Report(List<String> problems, List<String> warnings, List<String> notes) {
        public Report {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
            notes = List.copyOf(notes);
        }
    }

    private final FolderRules folderRules = new FolderRules();

    /** Every problem, warning and note for a configuration whose values are valid. */
    public Report check(Settings settings) {
        Report report = check(FolderRules.of(settings), EarlyStart.storeUrl(settings), settings.ffmpegPath(),
            settings.ffprobePath(), settings.encoder() == Settings.Encoder.FFMPEG);
        report = withScriptProblems(withNamingProblems(report, settings.tagging().outputNaming()),
            settings.notifications().postConvertScript());
        // NOTIFY_URLS and WEBHOOK_URLS entries the start would refuse
        List<String> problems = new ArrayList<>(report.problems());
        problems.addAll(org.automb.notify.Destinations.problems(settings.notifications()));
        // the user's route files in CONFIG_FOLDER/routes (docs/plugins.md), as the start reads them
        problems.addAll(new UserRoutes(settings.config()).problems());
        // the plugin jars in CONFIG_FOLDER/plugins, loaded into an empty Camel context (a bean that throws shows)
        problems.addAll(new org.automb.plugins.PluginJars(settings.config()).problemsWhenLoaded());
        return new Report(problems, report.warnings(), report.notes());
    }

    /** OUTPUT_NAMING's template, checked here because its rules live with the naming (tagging.OutputNaming). */
    private static Report withNamingProblems(Report report, String naming) {
        List<String> problems = new ArrayList<>(report.problems());
        problems.addAll(org.automb.tagging.OutputNaming.problems(naming));
        return new Report(problems, report.warnings(), report.notes());
    }

    /** POST_CONVERT_SCRIPT must be a program this service may run (notify.PostConvertScript). */
    private static Report withScriptProblems(Report report, String script) {
        List<String> problems = new ArrayList<>(report.problems());
        problems.addAll(org.automb.notify.PostConvertScript.problems(script));
        return new Report(problems, report.warnings(), report.notes());
    }

    /**
     * The folder, store and ffmpeg checks on raw values, for a configuration that also has invalid values: the user
     * sees those problems and these at once.
     */
    public Report check(Map<String, String> raw) {
        boolean inboxWritten = !"test_do_nothing".equalsIgnoreCase(raw.getOrDefault("ON_COMPLETE", "").trim());
        List<FolderRules.Folder> folders = new ArrayList<>();
        for (String name : List.of("INBOX_FOLDER", "CONVERTED_FOLDER", "ARCHIVE_FOLDER", "FAILED_FOLDER", "WORKING_FOLDER",
                "CONFIG_FOLDER", "BACKUP_FOLDER")) {
            String value = raw.getOrDefault(name, "").trim();
            boolean needed = !name.equals("BACKUP_FOLDER") || Boolean.TRUE.equals(Settings.parseBoolean(raw.getOrDefault("BACKUP", "")));
            if (!value.isEmpty() && needed) {
                folders.add(new FolderRules.Folder(name, Path.of(value).toAbsolutePath().normalize(),
                    inboxWritten || !name.equals("INBOX_FOLDER")));
            }
        }
        String databaseUrl = raw.getOrDefault("DATABASE_URL", "").trim();
        String config = raw.getOrDefault("CONFIG_FOLDER", "").trim();
        String storeUrl = !databaseUrl.isEmpty() ? databaseUrl
            : config.isEmpty() ? null : JobStore.defaultUrl(Path.of(config).toAbsolutePath().normalize());
        Report report = withScriptProblems(withNamingProblems(check(folders, storeUrl, raw.getOrDefault("FFMPEG_PATH", ""),
            raw.getOrDefault("FFPROBE_PATH", ""), "ffmpeg".equalsIgnoreCase(raw.getOrDefault("ENCODER", "").trim())),
            raw.getOrDefault("OUTPUT_NAMING", "")), raw.getOrDefault("POST_CONVERT_SCRIPT", "").trim());
        // the NOTIFY_URLS and WEBHOOK_URLS entries too, read with the other notification settings at their defaults
        List<String> problems = new ArrayList<>(report.problems());
        problems.addAll(org.automb.notify.Destinations.problems(new org.automb.config.NotifySettings(
            org.automb.config.NotifySettings.splitUrls(raw.getOrDefault("NOTIFY_URLS", "")), false, 0,
            java.time.Duration.ZERO, java.time.Duration.ofSeconds(10), Map.of(),
            org.automb.config.NotifySettings.splitUrls(raw.getOrDefault("WEBHOOK_URLS", "")), "auto-m4b", "", "",
            java.time.Duration.ofSeconds(60), java.util.Optional.empty(), java.util.Optional.empty(),
            java.util.Optional.empty(), List.of())));
        return new Report(problems, report.warnings(), report.notes());
    }

    private Report check(List<FolderRules.Folder> folders, String storeUrl, String ffmpegPath, String ffprobePath,
                         boolean programsNeeded) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        FolderRules.Verdict verdict = folderRules.check(folders);
        problems.addAll(verdict.refusals());
        notes.addAll(verdict.notes());
        if (storeUrl != null) {
            checkStore(JobStore.inspect(storeUrl), problems, warnings, notes);
        }
        FfmpegTools tools = FfmpegTools.resolve(ffmpegPath, ffprobePath);
        List<String> programProblems = programsNeeded ? problems : warnings;
        checkProgram("ffmpeg", ffmpegPath, () -> tools.ffmpegCommand(List.of("-hide_banner", "-version")), problems, programProblems);
        checkProgram("ffprobe", ffprobePath, () -> tools.ffprobeCommand(List.of("-hide_banner", "-version")), problems, programProblems);
        if (ffprobePath == null || ffprobePath.isBlank()) {
            try {
                LibavProbe.require();
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
            }
        }
        return new Report(problems, warnings, notes);
    }

    /** The store as the start will find it: a damaged SQLite file is a warning, since the start recovers from it. */
    private static void checkStore(StoreInspection store, List<String> problems, List<String> warnings, List<String> notes) {
        switch (store.condition()) {
            case READY -> { }
            case ABSENT -> notes.add("the job database " + store.where() + " does not exist yet; the service creates it at start");
            case CORRUPT -> warnings.add(JobStoreStartup.damagedWarning(store.where(), store.detail()));
            case UNREACHABLE -> problems.add("the job database " + store.where() + " cannot be opened: "
                + StartupFailure.oneLine(store.detail()) + "; check DATABASE_URL, the server and the file's permissions");
        }
    }

    /** Creates any missing folder (used when the service starts, not by --validate). */
    public static void createFolders(Settings settings) throws IOException {
        for (FolderRules.Folder folder : FolderRules.of(settings)) {
            Files.createDirectories(folder.path());
        }
    }

    /**
     * A program named by its setting must run. The bundled one is needed by ENCODER=ffmpeg (then it must run too);
     * otherwise only to join AAC parts the MP4 joiner cannot take, which are encoded instead: a warning.
     */
    private static void checkProgram(String what, String named, java.util.function.Supplier<List<String>> command,
                                     List<String> problems, List<String> bundledProblems) {
        if (named != null && !named.isBlank()) {
            checkRuns(what, command.get(), problems);
            return;
        }
        List<String> found = new ArrayList<>();
        try {
            checkRuns(what, command.get(), found);
        } catch (RuntimeException e) {
            found.add(e.getMessage());
        }
        found.stream().map(problem -> problem + " (needed for ENCODER=ffmpeg; otherwise AAC parts the MP4 joiner cannot"
            + " take are encoded instead of joined as they are)").filter(line -> !bundledProblems.contains(line))
            .forEach(bundledProblems::add);
    }

    private static void checkRuns(String what, List<String> command, List<String> problems) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                problems.add(what + " did not answer within 30 s: " + String.join(" ", command));
            } else if (process.exitValue() != 0) {
                problems.add(what + " fails to run (exit " + process.exitValue() + "): " + String.join(" ", command));
            }
        } catch (IOException e) {
            problems.add(what + " cannot be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add(what + " check interrupted");
        }
    }
}
