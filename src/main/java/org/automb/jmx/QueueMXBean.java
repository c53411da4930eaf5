package org.automb.jmx;

import java.util.List;
import java.util.Map;

/**
 * The job queue as JMX shows it ({@code org.automb:type=Queue}): how many books wait in each state and which are
 * being converted or tagged now. Read-only; read from the job store at each look, as {@code --status} is.
 */
public interface QueueMXBean {

    /** Books waiting for the pipeline: settling, claimed by a worker, or due for a retry. */
    int getQueuedBooks();

    /** Books whose files are still settling (state waiting). */
    int getWaitingBooks();

    /** Books claimed by a worker and not yet started (state pending). */
    int getPendingBooks();

    /** Books that failed transiently and wait for their retry (state retry_scheduled). */
    int getRetriesScheduled();

    /** Books being converted or tagged now. */
    int getBooksInProgressCount();

    /** The keys of the books being converted or tagged now, sorted. */
    List<String> getBooksInProgress();

    /** Every state's count of jobs ({@code waiting}, {@code converting}, {@code done}...; all states, zeros too). */
    Map<String, Integer> getJobCounts();
}
