package org.automb.jobs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance per CONFIG_FOLDER: an OS file lock on {@code auto-m4b.lock}, which holds the owner's PID.
 * The OS releases the lock when the process dies, even after {@code kill -9}, so a stale file never blocks a restart.
 */
public final class InstanceLock implements AutoCloseable {

    /**
     * Lock files held by this JVM. The OS lock is per process, and closing any channel on the file releases it:
     * a lock file held here must never be opened a second time, or another process could take the lock.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or returns empty with the running instance's PID readable via {@link #holderPid(Path)}. */
    public static Optional<InstanceLock> tryAcquire(Path configFolder) throws IOException {
        Files.createDirectories(configFolder);
        Path file = lockFile(configFolder);
        if (!HELD_HERE.add(file)) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException lockedElsewhereInThisJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                HELD_HERE.remove(file);
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return Optional.of(new InstanceLock(file, channel, lock));
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            HELD_HERE.remove(file);
            throw e;
        }
    }

    /** The PID written by the instance holding the lock, as text ("?" when unreadable). */
    public static String holderPid(Path configFolder) {
        try {
            Path file = lockFile(configFolder);
            if (HELD_HERE.contains(file)) {
                return String.valueOf(ProcessHandle.current().pid()); // reading the file would release the lock
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    /** The lock file of {@code configFolder}, one path per file whatever the spelling of the folder. */
    private static Path lockFile(Path configFolder) throws IOException {
        return configFolder.toRealPath().resolve("auto-m4b.lock");
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
