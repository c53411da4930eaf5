package org.automb.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The size and modification time of every file of a book, to tell whether the book is still changing.
 * <p>
 * Downloads in progress ({@code .part}, {@code .crdownload}, {@code .tmp}) are included even though the scanner
 * ignores them, so a book keeps changing until its download has finished and been renamed.
 *
 * @param files the book's files, sorted by relative path
 */
public record BookFingerprint(List<FileState> files) {

    public BookFingerprint {
        files = List.copyOf(files);
    }

    /**
     * One file of a book.
     *
     * @param relativePath   path from the book's folder, '/'-separated
     * @param size           bytes
     * @param modifiedMillis last modification, epoch milliseconds
     * @param audio          true when the file is one of the book's audio files
     */
    public record FileState(String relativePath, long size, long modifiedMillis, boolean audio) {
    }

    /**
     * Reads the current state of a book's files: everything under a book folder (junk excepted), or the file and
     * its companions for a loose-file book. Never throws: files that cannot be read (moved away, no permission)
     * are left out, so a vanished book has an empty fingerprint.
     */
    public static BookFingerprint of(Book book) {
        Path base = book.folder();
        Set<String> audio = book.audioFiles().stream()
                .map(file -> RelativePaths.of(base, file))
                .collect(Collectors.toSet());
        List<FileState> files = new ArrayList<>();
        for (Path file : book.looseFile() ? companionsOf(book) : filesUnder(book.root())) {
            String relativePath = RelativePaths.of(base, file);
            stateOf(file, relativePath, audio.contains(relativePath)).ifPresent(files::add);
        }
        files.sort(Comparator.comparing(FileState::relativePath));
        return new BookFingerprint(files);
    }

    /**
     * SHA-256 (lower-case hex) over the relative path and size of each audio file, in path order. It identifies
     * the book's content independently of modification times, so a re-copied identical book hashes the same.
     */
    public String contentHash() {
        MessageDigest sha256 = sha256();
        files.stream()
                .filter(FileState::audio)
                .sorted(Comparator.comparing(FileState::relativePath))
                .forEach(file -> {
                    // NUL cannot occur in file names, so path/size boundaries are unambiguous
                    sha256.update(file.relativePath().getBytes(StandardCharsets.UTF_8));
                    sha256.update((byte) 0);
                    sha256.update(Long.toString(file.size()).getBytes(StandardCharsets.US_ASCII));
                    sha256.update((byte) 0);
                });
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The most recent modification time of any file, or empty for a book without files. */
    public OptionalLong lastModifiedMillis() {
        return files.stream().mapToLong(FileState::modifiedMillis).max();
    }

    /** True when at least one of the book's audio files could be read. */
    public boolean hasAudio() {
        return files.stream().anyMatch(FileState::audio);
    }

    private static Optional<FileState> stateOf(Path file, String relativePath, boolean audio) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new FileState(relativePath, attributes.size(),
                    attributes.lastModifiedTime().toMillis(), audio));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<Path> companionsOf(Book book) {
        return Stream.concat(book.audioFiles().stream(), book.extraFiles().stream()).distinct().toList();
    }

    /** Every non-junk file under the folder; what cannot be listed is left out. */
    private static List<Path> filesUnder(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return !dir.equals(root) && JunkFiles.isJunk(RelativePaths.nameOf(dir))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String name = RelativePaths.nameOf(file);
                    if (JunkFiles.isPartialDownload(name) || !JunkFiles.isJunk(name)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // vanished or unreadable: left out
                }
            });
        } catch (IOException e) {
            // walkFileTree only fails through the visitor, which never throws; nothing more to add
        }
        return files;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
