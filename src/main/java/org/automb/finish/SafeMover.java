package org.automb.finish;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import org.automb.checksum.Sha256;

/**
 * Moves and copies files so that nothing is ever half there: a rename where the file system allows it,
 * otherwise copy, fsync, verify, and only then delete the source.
 */
public final class SafeMover {

    /** Moves one file to {@code target} (which must not exist); verified by size and SHA-256 across file systems. */
    public void moveFile(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        } catch (AtomicMoveNotSupportedException crossDevice) {
            // different file systems: copy beside the target, check, then rename into place
        }
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
        fsync(partial);
        if (Files.size(partial) != Files.size(source) || !Sha256.of(partial).equals(Sha256.of(source))) {
            Files.deleteIfExists(partial);
            throw new IOException("copy of " + source + " to " + target + " does not match the original");
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(source);
    }

    /** Moves a file or folder tree to {@code target}; across file systems every file is copied and checked first. */
    public void moveTree(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        } catch (AtomicMoveNotSupportedException crossDevice) {
            // fall through to copy-verify-delete
        }
        copyTree(source, target);
        verifySameFiles(source, target);
        deleteTree(source);
    }

    /** Copies a file or folder tree and checks every file arrived with its size. */
    public void copyTree(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            fsync(target);
            return;
        }
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path copy = target.resolve(source.relativize(file).toString());
                Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                fsync(copy);
                return FileVisitResult.CONTINUE;
            }
        });
        verifySameFiles(source, target);
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
