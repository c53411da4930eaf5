package org.automb.actions;

import org.apache.camel.ProducerTemplate;
import org.automb.steps.TagStep;
import org.automb.tagging.TagJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the actions ask of the running pipeline, through its own routes: a pass over the inbox now (so a reopened book
 * is taken without waiting for SLEEP_TIME), and a delivered book on the tag queue.
 */
public final class PipelineRequests {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRequests.class);
    /** The inbox-pass route (routes/intake.camel.yaml): the same pass the timer and the watch run. */
    static final String INBOX_PASS = "direct:inbox-pass";
    /** The tag-delivered-book route's queue (routes/tag-book.camel.yaml). */
    static final String TAG_QUEUE = "seda:tag-books";

    private final ProducerTemplate template;
    private final TagStep tagStep;

    /** @param template from the service's CamelContext */
    public PipelineRequests(ProducerTemplate template, TagStep tagStep) {
        this.template = template;
        this.tagStep = tagStep;
    }

    /** Asks for one pass over the inbox, on another thread: the caller (an HTTP request) does not wait for the scan. */
    public void passOverInbox() {
        template.asyncSendBody(INBOX_PASS, null).whenComplete((result, error) -> {
            if (error != null) {
                LOG.warn("the inbox pass a user's action asked for failed: {}", error.getMessage());
            }
        });
    }

    /** Puts the book on the tag queue; its tagging runs there, retried and recorded like any after delivery. */
    public void queueTagging(TagJob job) {
        template.sendBody(TAG_QUEUE, tagStep.queuedByUser(job));
    }
}
