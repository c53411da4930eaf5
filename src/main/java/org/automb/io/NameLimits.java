package org.automb.io;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The longest name (UTF-8 bytes, at most {@link FileNames#NAME_MAX}) each destination file system takes. Java cannot
 * ask (no {@code pathconf}), so the first time a file system is used a file with a 255-byte name is created and
 * deleted in the destination folder; when the file system refuses it as too long (eCryptfs takes 143), the longest
 * accepted length is found the same way. One answer per file system for the life of the service.
 */
public final class NameLimits {

    /** Creates and removes a file named {@code file}; throws what the file system says when it refuses the name. */
    @FunctionalInterface
    public interface NameProbe {
        void tryName(Path file) throws IOException;
    }

    private static final String PROBE_PREFIX = ".auto-m4b-name-";
    private static final int SHORTEST_PROBE = PROBE_PREFIX.length() + 8;

    private final NameProbe probe;
    private final Map<FileStore, Integer> known = new ConcurrentHashMap<>();

    /** The real probe: a file is created and deleted. */
    public NameLimits() {
        this(file -> Files.delete(Files.createFile(file)));
    }

    /** {@code probe}: how a name is tried (a test stands in for a file system with shorter names). */
    public NameLimits(NameProbe probe) {
        this.probe = probe;
    }

    /**
     * The longest name {@code folder}'s file system takes. {@value FileNames#NAME_MAX} when it cannot be tried (the
     * folder does not exist or cannot be written): the move itself then reports the real problem.
     */
    public int nameMax(Path folder) {
        Path existing = folder.toAbsolutePath();
        if (!Files.isDirectory(existing)) {
            return FileNames.NAME_MAX; // not asked again: tried once the folder exists
        }
        FileStore store;
        try {
            store = Files.getFileStore(existing);
        } catch (IOException e) {
            return FileNames.NAME_MAX;
        }
        Integer limit = known.get(store);
        if (limit == null) {
            limit = find(existing);
            if (limit != null) {
                known.put(store, limit);
            }
        }
        return limit == null ? FileNames.NAME_MAX : limit;
    }

    /** The longest accepted name length, or null when the folder does not let us try. */
    private Integer find(Path folder) {
        Boolean longest = accepts(folder, FileNames.NAME_MAX);
        if (longest == null || longest) {
            return longest == null ? null : FileNames.NAME_MAX;
        }
        int good = SHORTEST_PROBE;
        int bad = FileNames.NAME_MAX;
        while (bad - good > 1) {
            int middle = (good + bad) >>> 1;
            Boolean fits = accepts(folder, middle);
            if (fits == null) {
                return null;
            }
            if (fits) {
                good = middle;
            } else {
                bad = middle;
            }
        }
        return good;
    }

    /** True or false as the file system answers for a name of {@code bytes}; null for any other trouble. */
    private Boolean accepts(Path folder, int bytes) {
        String random = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        String name = PROBE_PREFIX + random.substring(0, 8);
        Path file = folder.resolve(name + "x".repeat(Math.max(0, bytes - name.length())));
        try {
            probe.tryName(file);
            return true;
        } catch (IOException e) {
            return FileNames.isNameTooLong(e) ? false : null;
        }
    }
}
