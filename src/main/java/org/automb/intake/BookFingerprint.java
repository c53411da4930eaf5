package org.automb.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The size, modification time and identity (file key and inode change time) of every file of a book, to tell
 * whether the book is still changing, and whether its files are still the ones an attempt started with: a file
 * replaced by a rename, or rewritten with the same length and time, keeps neither its file key nor its change time.
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
     * @param identity       the file system's file key (device and inode) and inode change time, "" where unknown
     */
    public record FileState(String relativePath, long size, long modifiedMillis, boolean audio, String identity) {

        public FileState(String relativePath, long size, long modifiedMillis, boolean audio) {
            this(relativePath, size, modifiedMillis, audio, "");
        }
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

    /**
     * The files recorded here that are still exactly as recorded (same size, time and identity), as paths under the
     * book's folder: what an attempt that started with this fingerprint has read, and may move away.
     */
    public List<Path> unchangedFiles(Book book) {
        Path base = book.folder();
        List<Path> unchanged = new ArrayList<>();
        for (FileState recorded : files) {
            Path file = base.resolve(recorded.relativePath());
            if (stateOf(file, recorded.relativePath(), recorded.audio()).filter(recorded::equals).isPresent()) {
                unchanged.add(file);
            }
        }
        return unchanged;
    }

    /**
     * What differs between this (earlier) fingerprint and {@code now}, one phrase per file in path order
     * ("01.mp3 was removed", "02.mp3 was replaced", "03.mp3 was rewritten", "04.mp3 is new"); empty when equal.
     */
    public List<String> changesTo(BookFingerprint now) {
        java.util.Map<String, FileState> before = byPath();
        java.util.Map<String, FileState> after = now.byPath();
        java.util.SortedSet<String> paths = new java.util.TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<String> changes = new ArrayList<>();
        for (String path : paths) {
            FileState was = before.get(path);
            FileState is = after.get(path);
            if (is == null) {
                changes.add(path + " was removed");
            } else if (was == null) {
                changes.add(path + " is new");
            } else if (!was.identity().isEmpty() && !was.identity().equals(is.identity())
                    && !sameFileKey(was.identity(), is.identity())) {
                changes.add(path + " was replaced");
            } else if (!was.equals(is)) {
                changes.add(path + " was rewritten");
            }
        }
        return changes;
    }

    private java.util.Map<String, FileState> byPath() {
        java.util.Map<String, FileState> map = new java.util.LinkedHashMap<>();
        files.forEach(file -> map.put(file.relativePath(), file));
        return map;
    }

    private static boolean sameFileKey(String identity, String other) {
        int at = identity.lastIndexOf('@');
        int otherAt = other.lastIndexOf('@');
        return at >= 0 && otherAt >= 0 && identity.substring(0, at).equals(other.substring(0, otherAt));
    }

    private static Optional<FileState> stateOf(Path file, String relativePath, boolean audio) {
        try {
            // one stat per file and scan: the unix view gives size, time, file key and inode change time at once
            Map<String, Object> unix = Files.readAttributes(file, "unix:size,lastModifiedTime,fileKey,ctime");
            return Optional.of(new FileState(relativePath, (Long) unix.get("size"),
                    ((FileTime) unix.get("lastModifiedTime")).toMillis(), audio,
                    identity(unix.get("fileKey"), String.valueOf(unix.get("ctime")))));
        } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
            return basicStateOf(file, relativePath, audio);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Where the unix view is missing: size, time and file key still tell most changes. */
    private static Optional<FileState> basicStateOf(Path file, String relativePath, boolean audio) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new FileState(relativePath, attributes.size(),
                    attributes.lastModifiedTime().toMillis(), audio, identity(attributes.fileKey(), "")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** "fileKey@ctime": a rename over the file changes the key, any rewrite changes the inode change time. */
    private static String identity(Object fileKey, String inodeChanged) {
        return (fileKey == null ? "" : fileKey.toString()) + "@" + inodeChanged;
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
