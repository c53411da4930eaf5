package org.automb.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.automb.io.WorkArea;
import org.automb.jobs.FolderLocks;

/**
 * What the service keeps in the folders for itself, and stays there between runs: the working area with its
 * ownership file, and the hidden lock file of a running (or killed) instance. Tests that check "nothing left behind"
 * look past these, and only these.
 */
public final class ServiceFiles {

    // the work area, its owner mark and the (empty) journal of partial copies are the service's own, not scratch
    private static final Set<String> OWN = Set.of(FolderLocks.LOCK_FILE, WorkArea.FOLDER, WorkArea.FOLDER + "/" + WorkArea.OWNER,
        WorkArea.FOLDER + "/" + org.automb.io.PartialsJournal.FOLDER);

    private ServiceFiles() {
    }

    /** Every file and folder under {@code working}, relative, sorted, but the service's own: what attempts left behind. */
    public static List<String> scratchLeftIn(Path working) {
        return walk(working, false).stream().filter(entry -> !OWN.contains(entry)).toList();
    }

    /** Every regular file under {@code folder}, relative, sorted, but the lock file an instance leaves at its top. */
    public static List<String> filesWithoutLock(Path folder) {
        return walk(folder, true).stream().filter(file -> !file.equals(FolderLocks.LOCK_FILE)).toList();
    }

    private static List<String> walk(Path folder, boolean filesOnly) {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.walk(folder)) {
            return entries.filter(p -> !p.equals(folder) && (!filesOnly || Files.isRegularFile(p)))
                .map(p -> folder.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
