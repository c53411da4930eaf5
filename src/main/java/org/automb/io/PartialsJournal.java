package org.automb.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the {@link SafeMover}'s temporary copies ({@code .auto-m4b-<hex>.partial}, beside their targets in the
 * user's folders) are written down while they exist: one small file per partial in the folder {@value #FOLDER} of the
 * service's {@link WorkArea}, holding the partial's absolute path, written and synced before the partial is created
 * and deleted once it is renamed into place or removed. A {@code kill -9} in the middle of a copy leaves its entry
 * behind, so the next start removes exactly the partials it left, without walking the user's library.
 */
public final class PartialsJournal {

    /** The folder of the work area that holds the entries. */
    public static final String FOLDER = "partials";

    private static final Logger LOG = LoggerFactory.getLogger(PartialsJournal.class);
    private static final String ENTRY_SUFFIX = ".path";
    private static final long LONGEST_ENTRY = 64 * 1024;

    private final Path folder;

    /** {@code folder}: where the entries go (created when the first one is written). */
    public PartialsJournal(Path folder) {
        this.folder = folder;
    }

    /** The journal of the service whose WORKING_FOLDER is {@code working}. */
    public static PartialsJournal inWorkingFolder(Path working) {
        return new PartialsJournal(WorkArea.root(working).resolve(FOLDER));
    }

    /**
     * Writes down {@code partial} before it is created; returns the entry, for {@link #forget}. The entry ends with a
     * newline, so one cut short by a crash (its partial was never created) is told apart and only dropped.
     */
    public Path record(Path partial) throws IOException {
        Files.createDirectories(folder);
        Path entry = Files.createTempFile(folder, "p-", ENTRY_SUFFIX);
        try (FileChannel channel = FileChannel.open(entry, StandardOpenOption.WRITE)) {
            channel.write(StandardCharsets.UTF_8.encode(partial.toAbsolutePath() + "\n"));
            channel.force(true);
        }
        syncFolder(folder);
        return entry;
    }

    /** Drops an entry whose partial is renamed into place or deleted; a failure only costs a check at next start. */
    public void forget(Path entry) {
        try {
            Files.deleteIfExists(entry);
        } catch (IOException e) {
            LOG.warn("could not delete {} (the next start deletes it): {}", entry, e.toString());
        }
    }

    /** The entries written down and not yet forgotten. */
    List<Path> entries() throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(ENTRY_SUFFIX)
                && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
    }

    /**
     * Deletes every partial written down that still exists (a file, or a folder tree with links removed as links,
     * never followed), then its entry; returns how many partials were deleted. Only call while no mover is at work
     * (at start, under the instance lock). An entry naming anything but an absolute path to a
     * {@code .auto-m4b-<hex>.partial} that is a file or a folder is dropped and its path left alone.
     */
    public int removeLeftovers(SafeMover mover) throws IOException {
        int removed = 0;
        for (Path entry : entries()) {
            Path partial = recordedPath(entry);
            try {
                if (partial != null && removeIfOurs(partial, mover)) {
                    removed++;
                }
                Files.deleteIfExists(entry);
            } catch (IOException e) {
                LOG.warn("could not delete the unfinished copy {} (tried again at the next start): {}", partial, e.toString());
            }
        }
        if (removed > 0) {
            LOG.info("removed {} unfinished cop{} an interrupted run left beside its target(s)", removed,
                removed == 1 ? "y" : "ies");
        }
        return removed;
    }

    /** The partial's path an entry holds, or null when the entry is cut short or holds something else. */
    private static Path recordedPath(Path entry) throws IOException {
        if (Files.size(entry) > LONGEST_ENTRY) {
            return null;
        }
        String text = Files.readString(entry, StandardCharsets.UTF_8);
        if (!text.endsWith("\n")) {
            return null; // cut short before its partial was created
        }
        try {
            Path path = FileSystems.getDefault().getPath(text.substring(0, text.length() - 1));
            if (path.isAbsolute() && path.getFileName() != null && SafeMover.isPartialName(path.getFileName().toString())) {
                return path;
            }
        } catch (InvalidPathException notAPath) {
            // dropped below
        }
        LOG.warn("{} does not name a temporary copy of auto-m4b: dropped, nothing deleted", entry);
        return null;
    }

    private static boolean removeIfOurs(Path partial, SafeMover mover) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(partial, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException renamedOrDeleted) {
            return false;
        }
        if (attributes.isDirectory()) {
            mover.deleteTree(partial);
            return true;
        }
        if (attributes.isRegularFile()) {
            Files.delete(partial);
            return true;
        }
        LOG.warn("{} is not a file or folder auto-m4b wrote (a link?): left alone", partial);
        return false;
    }

    /** Makes the new entry's name durable before the partial it names is created. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notSupported) {
            // some file systems cannot sync a folder; the entry itself is synced
        }
    }
}
