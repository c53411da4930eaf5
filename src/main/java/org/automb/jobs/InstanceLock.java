package org.automb.jobs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One instance per CONFIG_FOLDER: an OS file lock on {@code auto-m4b.lock}, which holds the owner's PID.
 * The OS releases the lock when the process dies, even after {@code kill -9}, so a stale file never blocks a restart.
 */
public final class InstanceLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or returns empty with the running instance's PID readable via {@link #holderPid(Path)}. */
    public static Optional<InstanceLock> tryAcquire(Path configFolder) throws IOException {
        Files.createDirectories(configFolder);
        Path file = configFolder.resolve("auto-m4b.lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException sameJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        return Optional.of(new InstanceLock(channel, lock));
    }

    /** The PID written by the instance holding the lock, as text ("?" when unreadable). */
    public static String holderPid(Path configFolder) {
        try {
            return Files.readString(configFolder.resolve("auto-m4b.lock")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
