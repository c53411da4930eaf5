package org.automb.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.actions.ReviewGate;
import org.automb.jobs.store.JobState;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * REVIEW_BEFORE_RELEASE=Y through the real service: a converted book waiting in REVIEW_FOLDER needs review (no file
 * yet, no BookConverted); approved, it is converted, with its file in CONVERTED_FOLDER; rejected, it failed.
 */
class ReviewEventsPipelineTest extends PipelineTestSupport {

    private final PublishedEvents published = new PublishedEvents();

    private Path review() {
        return root().resolve("review");
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("REVIEW_BEFORE_RELEASE", "Y", "REVIEW_FOLDER", review().toString(),
            // the notification routes consume direct:publish-event on main; here the test does
            "camel.main.routes-exclude-pattern", PublishedEvents.EXCLUDE_NOTIFY_ROUTES);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return published;
    }

    @Test
    void aBookInReviewNeedsReviewThenIsConvertedWhenApprovedOrFailedWhenRejected() throws Exception {
        NotifyBuilder done = booksDone(2);
        drop("Good One", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0,
            tags("title", "Good One", "artist", "Ann Author", "composer", "Ned Narrator")));
        drop("Bad One", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("title", "Bad One")));
        awaitBooks(done);
        assertThat(ledger().status("Good One")).isEqualTo(JobState.REVIEW);

        NotifyEvent waiting = published.await("Good One", EventType.BOOK_NEEDS_REVIEW);
        assertThat(waiting.title()).isEqualTo("Needs review: Good One");
        assertThat(waiting.message()).startsWith("Waiting in the review folder");
        assertThat(waiting.file()).as("not delivered yet").isNull();
        assertThat(waiting.book().authors()).containsExactly("Ann Author");
        published.await("Bad One", EventType.BOOK_NEEDS_REVIEW);

        ReviewGate gate = context.getRegistry().lookupByNameAndType("reviewGate", ReviewGate.class);
        Path released = gate.approve("Good One");
        gate.reject("Bad One", "wrong narrator");

        NotifyEvent approved = published.await("Good One", EventType.BOOK_CONVERTED);
        assertThat(approved.title()).isEqualTo("Converted: Good One");
        assertThat(approved.file().path()).isEqualTo(released.toString()).startsWith(converted().toString());
        assertThat(approved.book().narrators()).containsExactly("Ned Narrator");
        assertThat(approved.book().durationSeconds()).isBetween(0.9, 1.2);
        assertThat(approved.source().files()).containsExactly("01.mp3");
        NotifyEvent rejected = published.await("Bad One", EventType.BOOK_FAILED);
        assertThat(rejected.error()).isEqualTo("rejected in review: wrong narrator");

        assertThat(published.typesOf("Good One")).containsExactly(EventType.BOOK_STARTED,
            EventType.BOOK_NEEDS_REVIEW, EventType.BOOK_CONVERTED);
        assertThat(published.typesOf("Bad One")).containsExactly(EventType.BOOK_STARTED,
            EventType.BOOK_NEEDS_REVIEW, EventType.BOOK_FAILED);
    }
}
