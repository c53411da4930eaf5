package org.automb.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves and copies files so that nothing is ever half there: a rename where the file system allows it, otherwise a
 * copy under a short temporary name beside the target, fsync, a SHA-256 comparison with the original, a rename into
 * place, and only then the source is deleted. A copy that differs is deleted and the source kept.
 */
public final class SafeMover {

    private static final Logger LOG = LoggerFactory.getLogger(SafeMover.class);

    /** Copies one file's bytes (and times) to a target that does not exist yet. */
    @FunctionalInterface
    public interface Copier {
        void copy(Path source, Path target) throws IOException;
    }

    /** The copy failed its check: the named original is kept, the copy is gone. */
    public static final class CopyMismatchException extends IOException {
        private final Path original;

        public CopyMismatchException(Path original) {
            super("the copy of " + original + " differs from the original (SHA-256); the original is kept, the copy"
                + " deleted");
            this.original = original;
        }

        /** The file whose copy did not match. */
        public Path original() {
            return original;
        }
    }

    private static final Pattern PARTIAL_NAME = Pattern.compile("\\.auto-m4b-[0-9a-f]{16}\\.partial");

    private final Copier copier;
    private final NameLimits nameLimits;
    private final PartialsJournal journal; // null: partials are not written down (tests, tools)

    /** The real mover: {@link Files#copy} with the file's times; its partials are not written down. */
    public SafeMover() {
        this(null);
    }

    /** The service's mover: {@link Files#copy} with the file's times, each partial written down in {@code journal}. */
    public SafeMover(PartialsJournal journal) {
        this((source, target) -> Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES), new NameLimits(), journal);
    }

    /** {@code copier}: how bytes are copied across file systems (a test passes one that damages the copy). */
    public SafeMover(Copier copier, NameLimits nameLimits) {
        this(copier, nameLimits, null);
    }

    /** {@code journal}: where each partial is written down while it exists, so a start after a crash removes it; or null. */
    public SafeMover(Copier copier, NameLimits nameLimits, PartialsJournal journal) {
        this.copier = copier;
        this.nameLimits = nameLimits;
        this.journal = journal;
    }

    /** The name lengths of the file systems this mover writes to. */
    public NameLimits nameLimits() {
        return nameLimits;
    }

    /** A short, unique temporary name beside {@code target}: it never makes the user's long names any longer. */
    public static Path partialBeside(Path target) {
        String random = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        return target.resolveSibling(".auto-m4b-" + random + ".partial");
    }

    /** True only for a name {@link #partialBeside} gives: what a start-up cleanup may delete. */
    public static boolean isPartialName(String name) {
        return PARTIAL_NAME.matcher(name).matches();
    }

    /** Moves one file to {@code target}; across file systems the copy is compared with the source by SHA-256. */
    public void moveFile(Path source, Path target) throws IOException {
        moveFile(source, target, null);
    }

    /**
     * Moves one file to {@code target} (replacing it). {@code sourceSha256}: the source's checksum when it is already
     * known (then only the copy is read again), or null.
     */
    public void moveFile(Path source, Path target, String sourceSha256) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        } catch (AtomicMoveNotSupportedException crossDevice) {
            // different file systems: copy beside the target, check, then rename into place
        }
        copyIntoPlace(source, target, sourceSha256, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(source);
    }

    /** Moves a file or folder tree to {@code target}; across file systems every file is copied and checked first. */
    public void moveTree(Path source, Path target) throws IOException {
        moveTree(source, target, Map.of());
    }

    /**
     * Moves a file or folder tree to {@code target}, which must not exist. Across file systems the tree is copied
     * under a temporary name, every file compared with its source by SHA-256 ({@code knownSha256}: checksums already
     * computed, by absolute source path; the others are computed), renamed into place, and only then is the source
     * deleted. Any failure leaves the source whole and no copy behind.
     */
    public void moveTree(Path source, Path target, Map<Path, String> knownSha256) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        } catch (AtomicMoveNotSupportedException crossDevice) {
            // fall through to copy-verify-delete
        }
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            moveFile(source, target, knownSha256.get(source));
            return;
        }
        copyTreeIntoPlace(source, target, knownSha256);
        deleteTree(source);
    }

    /**
     * Moves {@code files} into the folder {@code target}, each to its path relative to {@code base}: what a book's
     * loose files (or the files of a folder that also holds others) need, where a whole folder would be one
     * {@link #moveTree}. Folders are created on the way, and each name is shortened where the target's file system
     * needs it (see {@link #placeInto}). {@code knownSha256}: checksums already computed, by source path, as for
     * {@link #moveTree}. Stops at the first file that cannot be moved; the ones moved before stay moved.
     */
    public void moveFilesInto(List<Path> files, Path base, Path target, Map<Path, String> knownSha256) throws IOException {
        for (Path file : files) {
            moveFile(file, placeInto(target, base.relativize(file)), knownSha256.get(file));
        }
    }

    /**
     * Where {@code relative} goes under the folder {@code target}: each name shortened where the file system of the
     * folder it goes in needs it. Creates the folders on the way (a file system's longest name is read from them).
     */
    public Path placeInto(Path target, Path relative) throws IOException {
        Path place = target;
        for (Path name : relative) {
            Files.createDirectories(place);
            place = place.resolve(FileNames.fitFile(name.toString(), nameLimits.nameMax(place)));
        }
        return place;
    }

    /**
     * Copies a file or folder tree to {@code target}, which must not exist, and checks every file by SHA-256; the
     * copy appears under its name only once it is complete.
     */
    public void copyTree(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new java.nio.file.FileAlreadyExistsException(target.toString());
        }
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            copyIntoPlace(source, target, null); // a rename beside it, refused if the target appeared meanwhile
            return;
        }
        copyTreeIntoPlace(source, target, Map.of());
    }

    /** Copies one file over {@code target} (replacing it), checked by SHA-256, through a temporary name. */
    public void copyFile(Path source, Path target) throws IOException {
        copyFile(source, target, null);
    }

    /**
     * Copies one file to {@code target} (replacing it), checked against {@code sourceSha256}: the source's checksum
     * when the caller has it already (then only the copy is read again), or null.
     */
    public void copyFile(Path source, Path target, String sourceSha256) throws IOException {
        Files.createDirectories(target.getParent());
        copyIntoPlace(source, target, sourceSha256, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Copies {@code source} beside {@code target} under a temporary name, checks the copy by SHA-256 and renames it
     * to {@code target} with {@code renameOptions}; on any failure the copy is deleted and the target untouched.
     */
    private void copyIntoPlace(Path source, Path target, String sourceSha256, CopyOption... renameOptions) throws IOException {
        Path partial = partialBeside(target);
        Path entry = recordPartial(partial);
        try {
            copyChecked(source, partial, sourceSha256);
            Files.move(partial, target, renameOptions);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            forgetPartial(entry);
            throw e;
        }
        forgetPartial(entry);
    }

    /** Writes {@code partial} down before it is created (when this mover has a journal); returns the entry or null. */
    private Path recordPartial(Path partial) throws IOException {
        return journal == null ? null : journal.record(partial);
    }

    private void forgetPartial(Path entry) {
        if (entry != null) {
            journal.forget(entry);
        }
    }

    /** Fails unless every regular file under {@code source} exists under {@code target} with the same size. */
    public void verifySameFiles(Path source, Path target) throws IOException {
        Map<String, Long> expected = sizes(source);
        Map<String, Long> actual = sizes(target);
        for (Map.Entry<String, Long> file : expected.entrySet()) {
            if (!file.getValue().equals(actual.get(file.getKey()))) {
                throw new IOException("copy check failed: " + target.resolve(file.getKey()) + " is missing or has the wrong size");
            }
        }
    }

    public void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Copies the folder {@code source} to a temporary folder beside {@code target}, checking each file, and renames it
     * to {@code target}; on any failure the temporary folder is deleted. A name inside the tree that is too long for
     * the target's file system is shortened (see {@link FileNames}) and logged.
     */
    private void copyTreeIntoPlace(Path source, Path target, Map<Path, String> knownSha256) throws IOException {
        Path partial = partialBeside(target);
        Path entry = recordPartial(partial);
        try {
            Files.createDirectory(partial);
            int nameMax = nameLimits.nameMax(partial);
            Map<Path, Path> copies = new HashMap<>(Map.of(source, partial));
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(source)) {
                        Files.createDirectory(copies.computeIfAbsent(dir, d -> fitted(copies.get(d.getParent()), d, nameMax, false)));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path copy = fitted(copies.get(file.getParent()), file, nameMax, true);
                    if (attrs.isSymbolicLink()) {
                        Files.copy(file, copy, LinkOption.NOFOLLOW_LINKS); // the link itself, as a rename keeps it
                        return FileVisitResult.CONTINUE;
                    }
                    copyChecked(file, copy, knownSha256.get(file));
                    return FileVisitResult.CONTINUE;
                }
            });
            Files.move(partial, target); // a rename beside it, refused if the target appeared meanwhile
        } catch (IOException | RuntimeException e) {
            deleteTree(partial);
            forgetPartial(entry);
            throw e;
        }
        forgetPartial(entry);
    }

    /** Where {@code original} goes inside {@code copyFolder}, its name shortened when it is too long there. */
    private static Path fitted(Path copyFolder, Path original, int nameMax, boolean file) {
        String name = original.getFileName().toString();
        String fitted = file ? FileNames.fitFile(name, nameMax) : FileNames.fitFolder(name, nameMax);
        if (!fitted.equals(name)) {
            LOG.warn("'{}' is too long for the file system of {} (at most {} bytes): written as '{}'", name, copyFolder,
                nameMax, fitted);
        }
        return copyFolder.resolve(fitted);
    }

    /** Copies with the copier, syncs, and compares the copy's SHA-256 with the source's; a copy that differs goes. */
    private void copyChecked(Path source, Path copy, String sourceSha256) throws IOException {
        copier.copy(source, copy);
        fsync(copy);
        String expected = sourceSha256 != null ? sourceSha256 : Sha256.of(source);
        if (!Sha256.of(copy).equals(expected)) {
            Files.deleteIfExists(copy);
            throw new CopyMismatchException(source);
        }
    }

    private static Map<String, Long> sizes(Path root) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            sizes.put("", Files.size(root));
            return sizes;
        }
        try (var files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                sizes.put(root.relativize(file).toString(), Files.size(file));
            }
        }
        return sizes;
    }

    static void fsync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
