package org.automb.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.automb.io.PartialsJournal;
import org.automb.io.SafeMover;
import org.automb.io.WorkArea;
import org.automb.jobs.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a start after a crash (or {@code kill -9}) needs: the book folders left in the service's own working area
 * ({@link WorkArea}) are leftovers of interrupted attempts, so they are removed, and jobs that were converting are
 * queued again at once, attempts kept. Originals were never touched by an unfinished attempt, and outputs only ever
 * reach the converted folder whole.
 *
 * <p>The cleanup can only remove the service's own files: it creates and marks the area when there is none, and
 * removes nothing but {@code b-<hash>} folders of an area it marked, and the temporary copies its
 * {@link PartialsJournal} names (only {@code .auto-m4b-<hex>.partial} files or folders); anything else in WORKING_FOLDER or in the area
 * (a user's files, a WORKING_FOLDER set by mistake to a folder of books) is left alone and named in one warning.
 */
public final class StartupRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(StartupRecovery.class);
    private static final int NAMES_SHOWN = 10;

    private final Path working;
    private final JobStore store;
    private final SafeMover mover;
    private final Clock clock;

    public StartupRecovery(Path working, JobStore store, SafeMover mover, Clock clock) {
        this.working = working;
        this.store = store;
        this.mover = mover;
        this.clock = clock;
    }

    public void recover() throws IOException {
        removeLeftovers();
        int requeued = store.requeueInterrupted();
        if (requeued > 0) {
            LOG.info("{} book(s) interrupted by the last shutdown or crash are queued again", requeued);
        }
    }

    /** Prepares the working area and removes the book folders an interrupted run left in it; returns how many. */
    int removeLeftovers() throws IOException {
        Path area = WorkArea.root(working);
        warnAboutForeignEntries(working, List.of(WorkArea.FOLDER, FolderLocks.LOCK_FILE), "WORKING_FOLDER " + working);
        if (WorkArea.create(area, ProcessHandle.current().pid(), FolderLocks.hostName(), clock.instant())) {
            return 0;
        }
        if (!WorkArea.isMarked(area)) {
            if (Files.isDirectory(area, LinkOption.NOFOLLOW_LINKS) && onlyHalfAMark(area)) {
                // a start that died between creating the area and marking it
                WorkArea.mark(area, ProcessHandle.current().pid(), FolderLocks.hostName(), clock.instant());
                return 0;
            }
            LOG.warn("{} was not created by auto-m4b (it holds no {} file written by the service): nothing in it is "
                + "removed at start; move it out of WORKING_FOLDER so the service can create its own", area, WorkArea.OWNER);
            return 0;
        }
        List<Path> leftovers = new ArrayList<>();
        try (Stream<Path> entries = Files.list(area)) {
            for (Path entry : entries.toList()) {
                if (WorkArea.isBookFolderName(entry.getFileName().toString())
                        && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    leftovers.add(entry);
                }
            }
        }
        for (Path leftover : leftovers) {
            mover.deleteTree(leftover);
        }
        // the temporary copies a crash left beside their targets in the user's folders, as the journal names them
        new PartialsJournal(area.resolve(PartialsJournal.FOLDER)).removeLeftovers(mover);
        if (!leftovers.isEmpty()) {
            LOG.info("removed {} leftover(s) of interrupted conversions from {}", leftovers.size(), area);
        }
        warnAboutForeignEntries(area, List.of(WorkArea.OWNER, PartialsJournal.FOLDER), "the working area " + area);
        return leftovers.size();
    }

    /** True when the area holds nothing, or only the ownership file half-written. */
    private static boolean onlyHalfAMark(Path area) throws IOException {
        try (Stream<Path> entries = Files.list(area)) {
            return entries.allMatch(entry -> entry.getFileName().toString().equals(WorkArea.OWNER + ".new"));
        }
    }

    /** One warning naming what the service did not put in {@code folder} (and leaves there). */
    private static void warnAboutForeignEntries(Path folder, List<String> own, String what) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<String> foreign;
        try (Stream<Path> entries = Files.list(folder)) {
            foreign = entries.map(entry -> entry.getFileName().toString())
                .filter(name -> !own.contains(name))
                .sorted().toList();
        }
        if (!foreign.isEmpty()) {
            LOG.warn("{} holds {} entr{} auto-m4b did not create, left alone: {}{}", what, foreign.size(),
                foreign.size() == 1 ? "y" : "ies", String.join(", ", foreign.subList(0, Math.min(NAMES_SHOWN, foreign.size()))),
                foreign.size() > NAMES_SHOWN ? ", ..." : "");
        }
    }
}
