package org.automb.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.automb.convert.FfmpegTools;

/** The checks behind {@code --validate}: folders usable, ffmpeg and ffprobe run. Lists every problem. */
public final class ConfigValidator {

    /** Every problem found; empty when the configuration is usable. */
    public List<String> problems(Settings settings) {
        return usabilityProblems(folders(settings), settings.ffmpegPath(), settings.ffprobePath());
    }

    /**
     * The folder and ffmpeg checks on raw values, for a configuration that also has invalid values: the user sees
     * those problems and these at once.
     */
    public List<String> problems(Map<String, String> raw) {
        Map<String, Path> folders = new LinkedHashMap<>();
        for (String name : List.of("INBOX_FOLDER", "CONVERTED_FOLDER", "ARCHIVE_FOLDER", "FAILED_FOLDER", "WORKING_FOLDER",
                "CONFIG_FOLDER", "BACKUP_FOLDER")) {
            String value = raw.getOrDefault(name, "").trim();
            boolean needed = !name.equals("BACKUP_FOLDER") || Boolean.TRUE.equals(Settings.parseBoolean(raw.getOrDefault("BACKUP", "")));
            if (!value.isEmpty() && needed) {
                folders.put(name, Path.of(value).toAbsolutePath().normalize());
            }
        }
        return usabilityProblems(folders, raw.getOrDefault("FFMPEG_PATH", ""), raw.getOrDefault("FFPROBE_PATH", ""));
    }

    private List<String> usabilityProblems(Map<String, Path> folders, String ffmpegPath, String ffprobePath) {
        List<String> problems = new ArrayList<>();
        folders.forEach((name, folder) -> checkFolder(name, folder, problems));
        try {
            FfmpegTools tools = FfmpegTools.resolve(ffmpegPath, ffprobePath);
            checkRuns("ffmpeg", tools.ffmpegCommand(List.of("-hide_banner", "-version")), problems);
            checkRuns("ffprobe", tools.ffprobeCommand(List.of("-hide_banner", "-version")), problems);
        } catch (RuntimeException e) {
            problems.add("ffmpeg: " + e.getMessage());
        }
        return problems;
    }

    /** Creates any missing folder (used when the service starts, not by --validate). */
    public static void createFolders(Settings settings) throws IOException {
        for (Path folder : folders(settings).values()) {
            Files.createDirectories(folder);
        }
    }

    static Map<String, Path> folders(Settings settings) {
        Map<String, Path> folders = new LinkedHashMap<>();
        folders.put("INBOX_FOLDER", settings.inbox());
        folders.put("CONVERTED_FOLDER", settings.converted());
        folders.put("ARCHIVE_FOLDER", settings.archive());
        folders.put("FAILED_FOLDER", settings.failed());
        folders.put("WORKING_FOLDER", settings.working());
        folders.put("CONFIG_FOLDER", settings.config());
        if (settings.backupFirst()) {
            folders.put("BACKUP_FOLDER", settings.backup());
        }
        return folders;
    }

    private static void checkFolder(String name, Path folder, List<String> problems) {
        if (!Files.isDirectory(folder)) {
            problems.add(name + "=" + folder + " does not exist (the service creates it at start; create it to silence this)");
        } else if (!Files.isWritable(folder)) {
            problems.add(name + "=" + folder + " is not writable by this user");
        }
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
