package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.automb.jobs.store.EventCause;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * A crash after the output was moved into place but before the originals were archived: at the next start the
 * book is finished (originals archived, job done), not skipped with its originals left behind.
 */
class InterruptedAfterDeliveryTest extends PipelineTestSupport {

    private static final String KEY = "Half Done";

    /** Runs before Camel starts: leaves the folders and the job store as the crashed run left them. */
    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties props = super.useOverridePropertiesWithPropertiesComponent();
        try {
            Path book = inbox().resolve(KEY);
            Files.createDirectories(book);
            Path audio = AUDIO.mp3(book.resolve("01 - One.mp3"), 1.0, tags("title", "One"));
            Path output = converted().resolve(KEY + "/" + KEY + ".m4b");
            Files.createDirectories(output.getParent());
            Files.writeString(output, "the delivered book");
            Files.writeString(output.resolveSibling("intake.json"), """
                {"schemaVersion": 1, "sources": [{"file": "01 - One.mp3", "sizeBytes": %d}]}
                """.formatted(Files.size(audio)));
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
    void aBookDeliveredJustBeforeACrashIsFinishedAtTheNextStart() {
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger().status(KEY) == JobState.DONE);
        assertThat(filesUnder(archive().resolve(KEY))).containsExactly("01 - One.mp3");
        assertThat(filesUnder(inbox())).isEmpty();
        assertThat(converted().resolve(KEY + "/" + KEY + ".m4b")).hasContent("the delivered book");
        assertThat(ledger().store().events(KEY)).extracting(e -> e.cause()).contains(EventCause.STARTUP);
    }
}
