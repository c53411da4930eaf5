package org.automb.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.automb.config.Settings;

/**
 * One instance per set of folders: an OS lock on a hidden {@value #LOCK_FILE} in the inbox, working and converted
 * folder (hidden names are junk to the inbox scanner), and on {@code CONFIG_FOLDER/auto-m4b.lock}. Each lock file
 * holds the holder's PID (first line), host, start time and real folders, so a refused start can say who holds them.
 * A folder two settings share (a misconfiguration refused elsewhere) is locked once. The OS drops every lock when
 * the process dies, even after {@code kill -9}, so a restart after a crash is never blocked.
 */
public final class FolderLocks implements InstanceGuard {

    /** The lock file in every shared folder. */
    public static final String LOCK_FILE = ".auto-m4b.lock";

    /** Setting name to folder, in the order they are locked. */
    private final Map<String, Path> folders;
    private final Clock clock;

    public FolderLocks(Map<String, Path> folders, Clock clock) {
        this.folders = new LinkedHashMap<>(folders);
        this.clock = clock;
    }

    /** The folders of {@code settings} another instance must not share: config first (the lock it always had). */
    public static FolderLocks of(Settings settings, Clock clock) {
        Map<String, Path> folders = new LinkedHashMap<>();
        folders.put("CONFIG_FOLDER", settings.config());
        folders.put("INBOX_FOLDER", settings.inbox());
        folders.put("WORKING_FOLDER", settings.working());
        folders.put("CONVERTED_FOLDER", settings.converted());
        return new FolderLocks(folders, clock);
    }

    @Override
    public Claim claim() throws AlreadyRunningException, IOException {
        Map<Path, String> byRealPath = new LinkedHashMap<>();
        for (Map.Entry<String, Path> folder : folders.entrySet()) {
            byRealPath.putIfAbsent(folder.getValue().toRealPath(), folder.getKey());
        }
        String owner = ownerText(byRealPath);
        List<InstanceLock> held = new ArrayList<>();
        try {
            for (Map.Entry<Path, String> folder : byRealPath.entrySet()) {
                Path file = lockFile(folder.getKey(), folder.getValue());
                Optional<InstanceLock> lock = InstanceLock.tryAcquireFile(file, owner);
                if (lock.isEmpty()) {
                    throw new AlreadyRunningException(refusal(folder.getValue(), folders.get(folder.getValue()), file));
                }
                held.add(lock.get());
            }
        } catch (AlreadyRunningException | IOException | RuntimeException e) {
            releaseAll(held);
            throw e;
        }
        return () -> releaseAll(held);
    }

    private static Path lockFile(Path realFolder, String setting) {
        return realFolder.resolve(setting.equals("CONFIG_FOLDER") ? InstanceLock.CONFIG_LOCK_FILE : LOCK_FILE);
    }

    /** PID first (what {@link InstanceLock#holderPid} reads), then who and where, one {@code name=value} a line. */
    private String ownerText(Map<Path, String> byRealPath) {
        StringBuilder text = new StringBuilder().append(ProcessHandle.current().pid()).append('\n')
            .append("host=").append(hostName()).append('\n')
            .append("started=").append(clock.instant()).append('\n');
        byRealPath.forEach((path, setting) -> text.append(setting).append('=').append(path).append('\n'));
        return text.toString();
    }

    private static String refusal(String setting, Path configured, Path file) {
        String holder = InstanceLock.holder(file);
        // the holder writes its text right after taking the lock: a refusal in between finds a new file still empty
        for (int i = 0; holder.isBlank() && i < 20; i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            holder = InstanceLock.holder(file);
        }
        List<String> holderFolders = holder.lines().skip(1)
            .filter(line -> line.contains("_FOLDER=")).toList();
        String host = holder.lines().filter(line -> line.startsWith("host=")).findFirst()
            .map(line -> line.substring("host=".length())).orElse("?");
        return "auto-m4b is already running on " + setting + "=" + configured + " (PID " + InstanceLock.pidOf(holder)
            + " on host " + host + (holderFolders.isEmpty() ? "" : ", using " + String.join(", ", holderFolders))
            + "); stop it first, or give this instance folders of its own";
    }

    private static void releaseAll(List<InstanceLock> held) throws IOException {
        IOException first = null;
        for (InstanceLock lock : held) {
            try {
                lock.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The kernel's host name (no DNS look-up, which can hang a start), else the environment's. */
    static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            String fromEnv = System.getenv("HOSTNAME");
            return fromEnv == null || fromEnv.isBlank() ? "?" : fromEnv;
        }
    }
}
