package org.automb.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.testing.ServiceFiles.scratchLeftIn;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.BookCancellations;
import org.automb.jobs.store.EventCause;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobEvent;
import org.automb.jobs.store.JobState;
import org.automb.testing.FolderChecksums;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * A user cancels a book that waits for its retry (Camel holds it for the redelivery): the job is CANCELLED at once,
 * and when the wait ends the attempt does not start again.
 */
class CancelWaitingRetryTest extends PipelineTestSupport {

    private static final String BOOK = "Retried Book";

    @Override
    protected Map<String, String> settings() {
        // every attempt fails transiently (no disk has 10 TB to spare); the retry waits 4 s
        return Map.of("MIN_FREE_SPACE_MB", "10000000", "RETRY_BASE_DELAY", "4", "MAX_RETRIES", "3");
    }

    @Test
    void aBookCancelledWhileItWaitsForItsRetryIsNotTriedAgain() {
        NotifyBuilder ended = booksDone(1);
        Path book = drop(BOOK, folder -> AUDIO.mp3(folder.resolve("one.mp3"), 2.0, Map.of("title", "One")));
        Map<String, String> before = FolderChecksums.of(book);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
            .until(() -> ledger().status(BOOK) == JobState.RETRY_SCHEDULED);

        BookCancellations cancellations = context.getRegistry().lookupByNameAndType("bookCancellations", BookCancellations.class);
        assertThat(cancellations.cancel(BOOK)).as("no attempt is running").isFalse();
        assertThat(ledger().status(BOOK)).as("cancelled at once").isEqualTo(JobState.CANCELLED);

        // the redelivery's wait ends: the exchange finishes without a second attempt
        awaitBooks(ended);
        Job job = ledger().store().find(BOOK).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.CANCELLED);
        assertThat(job.attempts()).as("only the failed first attempt counted").isEqualTo(1);
        List<JobEvent> events = ledger().store().events(BOOK);
        JobEvent last = events.get(events.size() - 1);
        assertThat(last.to()).isEqualTo(JobState.CANCELLED);
        assertThat(last.cause()).isEqualTo(EventCause.API);
        assertThat(events).filteredOn(e -> e.to() == JobState.CONVERTING).as("converted once, not again").hasSize(1);
        assertThat(FolderChecksums.of(book)).isEqualTo(before);
        assertThat(scratchLeftIn(working())).isEmpty();
        assertThat(filesUnder(converted())).isEmpty();
        assertThat(filesUnder(failed())).isEmpty();
    }
}
