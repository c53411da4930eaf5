package org.automb.jmx;

/**
 * The users' actions as JMX operations ({@code org.automb:type=Jobs}), the same as the API's: each takes a job's id
 * (as the API shows it) or its key (the book's path in the inbox), is recorded in the audit log with the actor
 * {@value JobsBean#ACTOR}, and answers what happens next. A refused action throws: {@link IllegalArgumentException}
 * for an unknown job, {@link IllegalStateException} when the job's state does not allow it (both are java.lang
 * types, so a remote JConsole shows the message).
 */
public interface JobsMXBean {

    /** Converts a failed, cancelled or skipped book again. */
    String retry(String job);

    /** Delivers the book's audio files as they are, unconverted. */
    String skipConversion(String job);

    /** Converts a book again from its originals and replaces its output. */
    String reprocess(String job);

    /** Stops a waiting, queued, retrying or converting book; it ends cancelled, its files where they are. */
    String cancel(String job);

    /** Holds new conversions back until {@link #resume()}; a book in progress finishes. Survives a restart. */
    String pause();

    /** Lets conversions run again after {@link #pause()}. */
    String resume();

    /** True while conversions are paused. */
    boolean isPaused();
}
