package org.automb.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One instance per set of folders: any shared inbox, working, converted or config folder refuses the second claim. */
class FolderLocksTest {

    @TempDir
    Path root;

    private Map<String, Path> folders(String config, String inbox, String working, String converted) throws IOException {
        Map<String, Path> folders = new LinkedHashMap<>();
        folders.put("CONFIG_FOLDER", Files.createDirectories(root.resolve(config)));
        folders.put("INBOX_FOLDER", Files.createDirectories(root.resolve(inbox)));
        folders.put("WORKING_FOLDER", Files.createDirectories(root.resolve(working)));
        folders.put("CONVERTED_FOLDER", Files.createDirectories(root.resolve(converted)));
        return folders;
    }

    private static FolderLocks guard(Map<String, Path> folders) {
        return new FolderLocks(folders, Clock.systemUTC());
    }

    @Test
    void eachSharedFolderRefusesASecondInstanceNamingTheFirst() throws Exception {
        Map<String, Path> first = folders("config1", "inbox1", "working1", "converted1");
        try (InstanceGuard.Claim held = guard(first).claim()) {
            Map<String, Map<String, Path>> seconds = Map.of(
                "CONFIG_FOLDER", folders("config1", "inbox2", "working2", "converted2"),
                "INBOX_FOLDER", folders("config2", "inbox1", "working2", "converted2"),
                "WORKING_FOLDER", folders("config2", "inbox2", "working1", "converted2"),
                "CONVERTED_FOLDER", folders("config2", "inbox2", "working2", "converted1"),
                "INBOX_FOLDER as WORKING_FOLDER", folders("config2", "inbox2", "inbox1", "converted2"));
            for (Map.Entry<String, Map<String, Path>> second : seconds.entrySet()) {
                String shared = second.getKey().split(" ")[0].equals("INBOX_FOLDER") && second.getKey().contains(" as ")
                    ? "WORKING_FOLDER" : second.getKey();
                assertThatThrownBy(() -> guard(second.getValue()).claim()).as(second.getKey())
                    .isInstanceOf(InstanceGuard.AlreadyRunningException.class)
                    .hasMessageContaining("already running on " + shared + "=" + second.getValue().get(shared))
                    .hasMessageContaining("PID " + ProcessHandle.current().pid())
                    .hasMessageContaining("INBOX_FOLDER=" + first.get("INBOX_FOLDER").toRealPath())
                    .hasMessageContaining("WORKING_FOLDER=" + first.get("WORKING_FOLDER").toRealPath())
                    .hasMessageContaining("CONVERTED_FOLDER=" + first.get("CONVERTED_FOLDER").toRealPath())
                    .hasMessageNotContaining("\n");
            }
            // a refused claim gives back what it took: the second's own folders are free
            try (InstanceGuard.Claim other = guard(folders("config2", "inbox2", "working2", "converted2")).claim()) {
                assertThat(otherProcessClaims(folders("config3", "inbox2", "working3", "converted3"))).isFalse();
            }
            assertThat(otherProcessClaims(folders("config3", "inbox1", "working3", "converted3")))
                .as("another process, sharing the inbox").isFalse();
        }
        assertThat(otherProcessClaims(first)).as("another process, once released").isTrue();
    }

    @Test
    void theLockFilesSayWhoHoldsThem() throws Exception {
        Map<String, Path> folders = folders("config", "inbox", "working", "converted");
        try (InstanceGuard.Claim held = guard(folders).claim()) {
            assertThat(InstanceLock.holderPid(folders.get("CONFIG_FOLDER"))).isEqualTo(String.valueOf(ProcessHandle.current().pid()));
            String text = InstanceLock.holder(folders.get("INBOX_FOLDER").resolve(FolderLocks.LOCK_FILE));
            assertThat(text.lines().findFirst()).hasValue(String.valueOf(ProcessHandle.current().pid()));
            assertThat(text).contains("host=", "started=", "INBOX_FOLDER=" + folders.get("INBOX_FOLDER").toRealPath(),
                "CONFIG_FOLDER=" + folders.get("CONFIG_FOLDER").toRealPath());
        }
        assertThat(Files.readString(folders.get("WORKING_FOLDER").resolve(FolderLocks.LOCK_FILE)))
            .as("readable by anyone once released").startsWith(ProcessHandle.current().pid() + "\n");
    }

    @Test
    void aFolderTwoSettingsShareIsLockedOnceAndSpellingsDoNotMatter() throws Exception {
        Map<String, Path> folders = folders("config", "inbox", "working", "converted");
        folders.put("WORKING_FOLDER", root.resolve("inbox/../inbox"));
        try (InstanceGuard.Claim held = guard(folders).claim()) {
            Path link = Files.createSymbolicLink(root.resolve("inbox-link"), root.resolve("inbox"));
            assertThatThrownBy(() -> guard(folders("config2", "inbox-link", "working2", "converted2")).claim())
                .isInstanceOf(InstanceGuard.AlreadyRunningException.class)
                .hasMessageContaining("INBOX_FOLDER=" + link);
        }
        guard(folders).claim().close();
    }

    /** Runs {@link Probe} in a new JVM: does another process get every lock on {@code folders}? */
    private static boolean otherProcessClaims(Map<String, Path> folders) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        folders.forEach((name, path) -> command.add(name + "=" + path));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("probe output").matches("(?s)(claimed|refused: .*)");
        return output.equals("claimed");
    }

    /** The other process. */
    public static final class Probe {
        public static void main(String[] args) throws IOException {
            Map<String, Path> folders = new LinkedHashMap<>();
            for (String arg : args) {
                folders.put(arg.substring(0, arg.indexOf('=')), Path.of(arg.substring(arg.indexOf('=') + 1)));
            }
            try (InstanceGuard.Claim claim = new FolderLocks(folders, Clock.systemUTC()).claim()) {
                System.out.println("claimed");
            } catch (InstanceGuard.AlreadyRunningException e) {
                System.out.println("refused: " + e.getMessage());
            }
        }
    }
}
