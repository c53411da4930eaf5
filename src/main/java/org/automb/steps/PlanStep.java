package org.automb.steps;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.ExchangeProperty;
import org.automb.attempt.BookAttempt;
import org.automb.attempt.RouteKeys;
import org.automb.io.FileHashes;
import org.automb.media.AudioSource;
import org.automb.plan.BookPlanner;
import org.automb.plan.ConversionPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The attempt-book route's planning steps: the book's plan, and its sources' checksums started meanwhile. */
public final class PlanStep {

    private static final Logger LOG = LoggerFactory.getLogger(PlanStep.class);

    private final BookPlanner planner;
    private final FileHashes hashes;

    public PlanStep(BookPlanner planner, FileHashes hashes) {
        this.planner = planner;
        this.hashes = hashes;
    }

    /** Plans the attempt's book (its audio path is chosen next, by {@link AudioPathStep}). */
    public void plan(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt attempt) {
        long started = System.nanoTime();
        ConversionPlan plan = planner.plan(attempt.book());
        attempt.plan(plan);
        attempt.timed("probe", Duration.ofNanos(System.nanoTime() - started));
        LOG.info("book '{}': plan: {}", attempt.book().key(), plan.summary());
    }

    /**
     * Starts hashing the planned sources on a hash thread while the audio is written (see
     * {@link FileHashes#sha256All}); the manifest waits for the result, and an attempt that ends stops it.
     */
    public void hashSources(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt attempt) {
        CompletableFuture<Map<Path, String>> sources =
            hashes.sha256All(attempt.plan().sources().stream().map(AudioSource::file).toList());
        attempt.sourceHashes(sources);
        attempt.onClose(() -> sources.cancel(false));
    }
}
