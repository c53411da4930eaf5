package org.automb.attempt;

/**
 * The names of the exchange properties and headers the book routes use, in one place. A book's progress lives in
 * one typed value ({@link BookAttempt}); headers carry only what a route of {@code routes/process-book.camel.yaml}
 * branches on. The YAML names them by these values.
 */
public final class RouteKeys {

    /** Property: the {@link org.automb.intake.TakenBook} (the book and its fingerprint as the scan took it); kept across retries. */
    public static final String TAKEN = "taken";
    /** Property: the {@link BookAttempt} under way (a new one for each attempt). */
    public static final String ATTEMPT = "attempt";
    /** Property: the {@link org.automb.steps.FailureVerdict} on the attempt that failed last, read by book-errors' retryWhile and choice. */
    public static final String VERDICT = "verdict";

    /** Property: the tag queue's outcome ({@code tagging.TagOutcome}) for the book it just tagged, for its events. */
    public static final String TAG_OUTCOME = "tagOutcome";

    /** Header: the {@link org.automb.plan.AudioPath} name the attempt-book route branches on. */
    public static final String AUDIO_PATH = "audioPath";
    /** Header: true when the join-aac-parts route writes the metadata shell in the JVM, not with the ffmpeg program. */
    public static final String SHELL_IN_JVM = "shellInJvm";
    /** Header: the book's output was delivered before the last shutdown; process-book finishes it. */
    public static final String DELIVERED_BEFORE_CRASH = "deliveredBeforeCrash";
    /** Header: the book's output exists and OVERWRITE_EXISTING is off; process-book skips it. */
    public static final String ALREADY_CONVERTED = "alreadyConverted";

    /** Header: a user asked for the book's files as they are (skip-conversion); attempt-book delivers them unconverted. */
    public static final String DELIVER_AS_IS = "deliverAsIs";

    /** Header: the book is tagged after delivery, on the tag queue (TAG_MODE=async, or a tagging to try again). */
    public static final String TAG_AFTER_DELIVERY = "tagAfterDelivery";

    private RouteKeys() {
    }
}
