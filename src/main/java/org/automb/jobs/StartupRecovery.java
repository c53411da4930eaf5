package org.automb.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.automb.finish.SafeMover;
import org.automb.jobs.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a start after a crash (or {@code kill -9}) needs: the working folder holds only leftovers of interrupted
 * attempts, so it is emptied, and jobs that were converting are queued again at once, attempts kept.
 * Originals were never touched by an unfinished attempt, and outputs only ever reach the converted folder whole.
 */
public final class StartupRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(StartupRecovery.class);

    private final Path working;
    private final JobStore store;
    private final SafeMover mover;

    public StartupRecovery(Path working, JobStore store, SafeMover mover) {
        this.working = working;
        this.store = store;
        this.mover = mover;
    }

    public void recover() throws IOException {
        List<Path> leftovers;
        try (Stream<Path> entries = Files.list(working)) {
            leftovers = entries.toList();
        }
        for (Path leftover : leftovers) {
            mover.deleteTree(leftover);
        }
        if (!leftovers.isEmpty()) {
            LOG.info("removed {} leftover(s) of interrupted conversions from {}", leftovers.size(), working);
        }
        int requeued = store.requeueInterrupted();
        if (requeued > 0) {
            LOG.info("{} book(s) interrupted by the last shutdown or crash are queued again", requeued);
        }
    }
}
