package org.automb.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.automb.jobs.store.EventCause;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * REVIEW_BEFORE_RELEASE=Y and a crash after the output was moved into the review folder but before the originals
 * were archived: at the next start the book is finished there (originals archived, job in REVIEW), neither skipped
 * nor converted again, and nothing of it appears in the converted folder.
 */
class InterruptedReviewDeliveryTest extends PipelineTestSupport {

    private static final String KEY = "Half Reviewed";

    private Path review() {
        return root().resolve("review");
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("REVIEW_BEFORE_RELEASE", "Y", "REVIEW_FOLDER", review().toString(), "ON_COMPLETE", "archive");
    }

    /** Runs before Camel starts: leaves the folders and the job store as the crashed run left them. */
    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties props = super.useOverridePropertiesWithPropertiesComponent();
        try {
            Path book = inbox().resolve(KEY);
            Files.createDirectories(book);
            Path audio = AUDIO.mp3(book.resolve("01 - One.mp3"), 1.0, Map.of("title", "One"));
            Path output = review().resolve(KEY + "/" + KEY + ".m4b");
            Files.createDirectories(output.getParent());
            Files.writeString(output, "the delivered book");
            Files.writeString(output.resolveSibling("intake.json"), """
                {"schemaVersion": 1, "book": {"key": "%s"}, "sources": [{"file": "01 - One.mp3", "sizeBytes": %d}]}
                """.formatted(KEY, Files.size(audio)));
            try (JobStore store = JobStore.open(JobStore.defaultUrl(root().resolve("config")), Clock.systemUTC())) {
                store.claim(KEY, "hash-of-the-interrupted-run", EventCause.INTAKE);
                store.transition(KEY, JobState.CONVERTING, EventCause.INTAKE, "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    @Test
    void aBookDeliveredForReviewJustBeforeACrashIsFinishedInReview() {
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger().status(KEY) == JobState.REVIEW);
        assertThat(filesUnder(archive().resolve(KEY))).containsExactly("01 - One.mp3");
        assertThat(filesUnder(inbox())).isEmpty();
        Path output = review().resolve(KEY + "/" + KEY + ".m4b");
        assertThat(output).hasContent("the delivered book");
        assertThat(ledger().store().find(KEY).orElseThrow().outputPath()).isEqualTo(output.toString());
        assertThat(filesUnder(converted())).isEmpty();
    }
}
