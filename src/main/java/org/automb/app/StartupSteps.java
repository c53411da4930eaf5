package org.automb.app;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up steps run one after the other in the order given, each logged at DEBUG with its time. The first that
 * fails ends the run: the steps after it do not run, and its exception goes on unchanged, so the command line
 * reports it as one line with its exit code as before (see {@link org.automb.config.StartupFailure}).
 */
public final class StartupSteps {

    private static final Logger LOG = LoggerFactory.getLogger(StartupSteps.class);

    private final List<StartupStep> steps;

    public StartupSteps(List<StartupStep> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The steps' names, in the order they run. */
    public List<String> names() {
        return steps.stream().map(StartupStep::name).toList();
    }

    /** Runs every step in order; stops at the first that throws, and rethrows what it threw. */
    public void runInOrder() throws Exception {
        for (int i = 0; i < steps.size(); i++) {
            StartupStep step = steps.get(i);
            long started = System.nanoTime();
            try {
                step.action().run();
            } catch (Exception | Error e) {
                LOG.debug("start-up step {}/{} '{}' failed after {} ms; the steps after it did not run", i + 1,
                    steps.size(), step.name(), millisSince(started));
                throw e;
            }
            LOG.debug("start-up step {}/{} '{}' done in {} ms", i + 1, steps.size(), step.name(), millisSince(started));
        }
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
