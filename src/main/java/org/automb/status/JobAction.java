package org.automb.status;

import org.automb.jobs.store.JobState;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What a user may do to a job, and in which states: the one table the API and the page both follow. */
public enum JobAction {
    RETRY("retry", EnumSet.of(JobState.FAILED, JobState.CANCELLED, JobState.SKIPPED)),
    SKIP_CONVERSION("skip-conversion", EnumSet.of(JobState.FAILED, JobState.CANCELLED, JobState.WAITING,
        JobState.RETRY_SCHEDULED)),
    REPROCESS("reprocess", EnumSet.of(JobState.DONE, JobState.REVIEW, JobState.FAILED, JobState.SKIPPED,
        JobState.CANCELLED)),
    TAG("tag", EnumSet.of(JobState.DONE, JobState.REVIEW)),
    CANCEL("cancel", EnumSet.of(JobState.PENDING, JobState.CONVERTING, JobState.TAGGING, JobState.RETRY_SCHEDULED,
        JobState.WAITING)),
    APPROVE("approve", EnumSet.of(JobState.REVIEW)),
    REJECT("reject", EnumSet.of(JobState.REVIEW)),
    /** Forgetting the job (never its files): not while a worker holds it. */
    DELETE("delete", EnumSet.complementOf(EnumSet.of(JobState.PENDING, JobState.CONVERTING, JobState.TAGGING)));

    private final String code;
    private final Set<JobState> allowedIn;

    JobAction(String code, Set<JobState> allowedIn) {
        this.code = code;
        this.allowedIn = allowedIn;
    }

    /** The name in URLs, audit rows and {@link JobSummary#actions()}. */
    public String code() {
        return code;
    }

    /** The states this action is allowed in. */
    public Set<JobState> allowedIn() {
        return EnumSet.copyOf(allowedIn);
    }

    public boolean allowedIn(JobState state) {
        return allowedIn.contains(state);
    }

    /** The codes of the actions allowed in {@code state}, in this enum's order. */
    public static List<String> allowed(JobState state) {
        List<String> codes = new ArrayList<>();
        for (JobAction action : values()) {
            if (action.allowedIn(state)) {
                codes.add(action.code);
            }
        }
        return List.copyOf(codes);
    }
}
