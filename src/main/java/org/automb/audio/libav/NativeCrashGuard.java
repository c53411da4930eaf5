package org.automb.audio.libav;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.automb.io.WorkArea;

/**
 * Remembers the books that were being encoded inside the JVM when the service last stopped without finishing them.
 * A native crash in libav takes the whole service down (an ffmpeg process would die alone), and the same file
 * would crash it again at every start; so such a book is encoded by an ffmpeg process at its next attempt, where
 * a crash fails only that attempt. A book caught by an ordinary restart or kill pays the same once: it is slower.
 *
 * <p>The evidence is a marker file in the book's scratch folder ({@link WorkArea}), written before the encode and
 * removed after it; it must be read before the start-up recovery removes the scratch folders.
 */
public final class NativeCrashGuard {

    static final String MARKER = "libav-encode.inflight";

    private final Set<String> suspects = ConcurrentHashMap.newKeySet();

    /** A guard that suspects no book (a fresh working folder). */
    public NativeCrashGuard() {
    }

    /** The books whose markers the last run left in the book folders of the working area in {@code working}. */
    public static NativeCrashGuard fromLeftovers(Path working) throws IOException {
        NativeCrashGuard guard = new NativeCrashGuard();
        Path area = WorkArea.root(working);
        if (!Files.isDirectory(area, LinkOption.NOFOLLOW_LINKS)) {
            return guard;
        }
        try (Stream<Path> folders = Files.list(area)) {
            for (Path folder : folders.filter(f -> WorkArea.isBookFolderName(f.getFileName().toString())).toList()) {
                Path marker = folder.resolve(MARKER);
                if (Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
                    String key = Files.readString(marker, StandardCharsets.UTF_8).strip();
                    if (!key.isEmpty()) {
                        guard.suspects.add(key);
                    }
                }
            }
        }
        return guard;
    }

    /** True when the service stopped during this book's last in-JVM encode. */
    public boolean suspects(String bookKey) {
        return suspects.contains(bookKey);
    }

    /** Marks {@code workDir} as holding an in-JVM encode of the book until the returned handle is closed. */
    public Marker encoding(Path workDir, String bookKey) throws IOException {
        Path marker = workDir.resolve(MARKER);
        Files.writeString(marker, bookKey, StandardCharsets.UTF_8);
        return () -> Files.deleteIfExists(marker);
    }

    /** Removes its marker when closed. */
    @FunctionalInterface
    public interface Marker extends AutoCloseable {
        @Override
        void close() throws IOException;
    }
}
