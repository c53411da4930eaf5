package org.automb.jmx;

import java.util.Optional;
import java.util.function.Supplier;
import org.automb.actions.ActionRefused;
import org.automb.actions.ActionResult;
import org.automb.actions.JobActions;
import org.automb.jobs.store.JobStore;
import org.automb.status.JobIds;

/** {@link JobsMXBean} over {@link JobActions}, as the API calls them, and the pause switch. */
public final class JobsBean implements JobsMXBean {

    /** The audit log's actor of every action taken through JMX (JConsole or Jolokia). */
    public static final String ACTOR = "jmx";

    private final JobActions actions;
    private final JobStore store;
    private final Supplier<Optional<PauseSwitch>> pauseSwitch;

    /**
     * @param store       tells a key from an id
     * @param pauseSwitch the service's pause switch, looked up at each call (empty when the service has none)
     */
    public JobsBean(JobActions actions, JobStore store, Supplier<Optional<PauseSwitch>> pauseSwitch) {
        this.actions = actions;
        this.store = store;
        this.pauseSwitch = pauseSwitch;
    }

    @Override
    public String retry(String job) {
        return answer(() -> actions.retry(idOf(job), ACTOR));
    }

    @Override
    public String skipConversion(String job) {
        return answer(() -> actions.skipConversion(idOf(job), ACTOR));
    }

    @Override
    public String reprocess(String job) {
        return answer(() -> actions.reprocess(idOf(job), ACTOR));
    }

    @Override
    public String cancel(String job) {
        return answer(() -> actions.cancel(idOf(job), ACTOR));
    }

    @Override
    public String pause() {
        PauseSwitch pause = requirePauseSwitch();
        pause.pause(ACTOR);
        return "conversions paused; a book in progress finishes";
    }

    @Override
    public String resume() {
        PauseSwitch pause = requirePauseSwitch();
        pause.resume(ACTOR);
        return "conversions resumed";
    }

    @Override
    public boolean isPaused() {
        return pauseSwitch.get().map(PauseSwitch::paused).orElse(false);
    }

    /**
     * The job's id: {@code job} itself when it is a known job's key (a book's path in the inbox), else taken as an
     * id, which {@link JobActions} looks up (and refuses when unknown).
     */
    String idOf(String job) {
        if (job == null || job.isBlank()) {
            throw new IllegalArgumentException("name the job: its id (as the API shows it) or its key (the book's"
                + " path in the inbox)");
        }
        return store.find(job).isPresent() ? JobIds.idOf(job) : job;
    }

    private PauseSwitch requirePauseSwitch() {
        return pauseSwitch.get().orElseThrow(() -> new IllegalStateException(
            "this service has no pause switch (bean conversionPause): conversions cannot be paused here"));
    }

    /**
     * The action's sentence; a refusal as the java.lang exception a JMX client shows with its message (the
     * action's own type is not on a remote client's class path).
     */
    private static String answer(Supplier<ActionResult> action) {
        try {
            return action.get().message();
        } catch (ActionRefused refused) {
            if (refused.kind() == ActionRefused.Kind.CONFLICT) {
                throw new IllegalStateException(refused.detail());
            }
            throw new IllegalArgumentException(refused.detail());
        }
    }
}
