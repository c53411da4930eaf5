package org.automb.app.health;

import java.util.Optional;
import org.automb.config.StartupFailure;
import org.automb.jobs.store.JobStore;

/** {@code job-store}: the job database answers one indexed lookup. */
public final class JobStoreCheck extends ReadinessCheck {

    public static final String NAME = "job-store";

    private final JobStore store;

    public JobStoreCheck(JobStore store, int order) {
        super(NAME, order);
        this.store = store;
    }

    @Override
    protected Optional<String> problem() {
        try {
            store.answer();
            return Optional.empty();
        } catch (RuntimeException e) {
            // the URL may carry a password: describe() takes secrets out
            return Optional.of("the job database does not answer: " + StartupFailure.describe(e));
        }
    }

    @Override
    protected String issueTitle() {
        return "Job store unreachable";
    }

    @Override
    protected String remedy() {
        return "Check DATABASE_URL (or, without it, the disk and permissions of auto-m4b.db in CONFIG_FOLDER)."
            + " Until it answers, what happens to books cannot be recorded.";
    }
}
