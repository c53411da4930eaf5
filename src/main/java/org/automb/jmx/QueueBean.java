package org.automb.jmx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;

/** {@link QueueMXBean} over the job store. */
public final class QueueBean implements QueueMXBean {

    private final JobStore store;

    public QueueBean(JobStore store) {
        this.store = store;
    }

    @Override
    public int getQueuedBooks() {
        Map<JobState, Integer> counts = store.counts();
        return count(counts, JobState.WAITING) + count(counts, JobState.PENDING) + count(counts, JobState.RETRY_SCHEDULED);
    }

    @Override
    public int getWaitingBooks() {
        return count(store.counts(), JobState.WAITING);
    }

    @Override
    public int getPendingBooks() {
        return count(store.counts(), JobState.PENDING);
    }

    @Override
    public int getRetriesScheduled() {
        return count(store.counts(), JobState.RETRY_SCHEDULED);
    }

    @Override
    public int getBooksInProgressCount() {
        Map<JobState, Integer> counts = store.counts();
        return count(counts, JobState.CONVERTING) + count(counts, JobState.TAGGING);
    }

    @Override
    public List<String> getBooksInProgress() {
        return store.inStates(JobState.CONVERTING, JobState.TAGGING).stream().map(Job::key).sorted().toList();
    }

    @Override
    public Map<String, Integer> getJobCounts() {
        Map<JobState, Integer> counts = store.counts();
        Map<String, Integer> byCode = new LinkedHashMap<>();
        for (JobState state : JobState.values()) {
            byCode.put(state.code(), count(counts, state));
        }
        return byCode;
    }

    private static int count(Map<JobState, Integer> counts, JobState state) {
        return counts.getOrDefault(state, 0);
    }

}
