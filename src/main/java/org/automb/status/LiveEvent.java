package org.automb.status;

/**
 * Something for the page to hear at once.
 *
 * @param type {@code job} (data: a {@link JobSummary}, on every state change) or {@code progress}
 *             (data: a {@link ProgressEvent}, on every progress tick)
 */
public record LiveEvent(String type, Object data) {

    public static final String JOB = "job";
    public static final String PROGRESS = "progress";
}
