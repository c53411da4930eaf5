package org.automb.jobs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OS file lock on one lock file, which holds a description of the owner (its PID on the first line). The OS
 * releases the lock when the process dies, even after {@code kill -9}, so a stale file never blocks a restart.
 * {@link FolderLocks} takes one per folder an instance uses; {@link #tryAcquire(Path)} is the CONFIG_FOLDER one.
 */
public final class InstanceLock implements AutoCloseable {

    /** The lock file in CONFIG_FOLDER. */
    public static final String CONFIG_LOCK_FILE = "auto-m4b.lock";

    /**
     * Lock files held by this JVM, with what was written in them. The OS lock is per process, and closing any
     * channel on the file releases it: a lock file held here must never be opened a second time (not even to read
     * it), or another process could take the lock.
     */
    private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code configFolder}, or returns empty with the running instance's PID readable via {@link #holderPid(Path)}. */
    public static Optional<InstanceLock> tryAcquire(Path configFolder) throws IOException {
        Files.createDirectories(configFolder);
        return tryAcquireFile(configLockFile(configFolder), ProcessHandle.current().pid() + "\n");
    }

    /**
     * Takes the lock on {@code file} (created when missing; its folder must exist) and writes {@code owner} in it, or
     * returns empty when another process, or this JVM, holds it ({@link #holder(Path)} then says who).
     */
    public static Optional<InstanceLock> tryAcquireFile(Path file, String owner) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        if (HELD_HERE.putIfAbsent(key, owner) != null) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException lockedElsewhereInThisJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                HELD_HERE.remove(key);
                return Optional.empty();
            }
            // written over the old text, then cut to length: a reader never finds the file empty once it existed
            byte[] bytes = owner.getBytes(StandardCharsets.UTF_8);
            channel.write(ByteBuffer.wrap(bytes), 0);
            channel.truncate(bytes.length);
            channel.force(true);
            return Optional.of(new InstanceLock(key, channel, lock));
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            HELD_HERE.remove(key);
            throw e;
        }
    }

    /** What the holder of {@code file} wrote in it ("" when unreadable or not written yet). */
    public static String holder(Path file) {
        Path key = file.toAbsolutePath().normalize();
        String here = HELD_HERE.get(key);
        if (here != null) {
            return here; // reading the file would release the lock
        }
        try {
            return Files.readString(key, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The PID written by the instance holding the lock of {@code configFolder}, as text ("?" when unreadable). */
    public static String holderPid(Path configFolder) {
        try {
            return pidOf(holder(configLockFile(configFolder)));
        } catch (IOException e) {
            return "?";
        }
    }

    /** The first line of a lock file's text: the holder's PID ("?" when there is none). */
    static String pidOf(String holder) {
        String first = holder.lines().findFirst().orElse("").strip();
        return first.isEmpty() ? "?" : first;
    }

    /** The lock file of {@code configFolder}, one path per file whatever the spelling of the folder. */
    private static Path configLockFile(Path configFolder) throws IOException {
        return configFolder.toRealPath().resolve(CONFIG_LOCK_FILE);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            HELD_HERE.remove(file);
        }
    }
}
