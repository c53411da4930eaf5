package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.reliability.FailureFixtures.checksums;
import static org.automb.reliability.FailureFixtures.failures;
import static org.automb.reliability.FailureFixtures.randomBytes;
import static org.automb.testing.ServiceFiles.scratchLeftIn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobEvent;
import org.automb.jobs.store.JobState;
import org.automb.testing.LogCapture;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * MOVE_FAILED_BOOKS=N: a book that failed for good stays in the inbox untouched and is skipped by every later scan,
 * until its files change; then it is taken again with its attempt counter reset.
 */
class KeepFailedInInboxTest extends PipelineTestSupport {

    private static final String BOOK = "Broken Book";
    private static final String NOISE = "02 - Noise.mp3";

    @Override
    protected Map<String, String> settings() {
        return Map.of("MOVE_FAILED_BOOKS", "N", "MAX_RETRIES", "2", "RETRY_BASE_DELAY", "0.2");
    }

    @Test
    void aFailedBookStaysInTheInboxUntilItsFilesChange() throws Exception {
        // counted from the start: a builder created just as another matches can still be told of the same exchange
        NotifyBuilder failedOnce = booksDone(1);
        NotifyBuilder afterAdding = booksDone(2);
        NotifyBuilder afterFixing = booksDone(3);
        Path book = drop(BOOK, folder -> {
            AUDIO.mp3(folder.resolve("01 - One.mp3"), 1.0, tags("title", "One"));
            randomBytes(folder.resolve(NOISE), 30_000, 7);
        });
        Map<String, String> originals = checksums(book);
        awaitBooks(failedOnce);

        assertThat(ledger().status(BOOK)).isEqualTo(JobState.FAILED);
        assertThat(checksums(book)).as("left in the inbox, byte for byte, without FAILED_INFO.txt").isEqualTo(originals);
        assertThat(FailureFixtures.entriesUnder(failed())).as("nothing moved to the failed folder").isEmpty();
        assertThat(scratchLeftIn(working())).isEmpty();
        assertThat(filesUnder(converted())).isEmpty();

        // later scans leave it alone: no new claim, no new attempt
        List<JobEvent> eventsAfterFailure = ledger().store().events(BOOK);
        NotifyBuilder moreScans = new NotifyBuilder(context).fromRoute("scan-inbox").whenDone(6).create();
        assertThat(moreScans.matches(20, TimeUnit.SECONDS)).as("six more scans").isTrue();
        assertThat(afterAdding.matches()).as("the failed book was not taken again").isFalse();
        assertThat(ledger().store().events(BOOK)).isEqualTo(eventsAfterFailure);
        assertThat(checksums(book)).isEqualTo(originals);

        // a file is added (the bad one is still there): the book is tried again, its counter restarted
        Files.move(AUDIO.mp3(staging().resolve("extra.mp3"), 1.0, tags("title", "Three")), book.resolve("03 - Three.mp3"));
        awaitBooks(afterAdding);
        Job retried = ledger().store().find(BOOK).orElseThrow();
        assertThat(retried.state()).isEqualTo(JobState.FAILED);
        assertThat(retried.attempts()).as("one attempt since the change, not two").isEqualTo(1);
        assertThat(failures(ledger().store().events(BOOK))).hasSize(2);
        assertThat(filesUnder(book)).containsExactly("01 - One.mp3", NOISE, "03 - Three.mp3");

        // the bad file is replaced by a good one: converted
        try (LogCapture log = LogCapture.start()) {
            Files.move(AUDIO.mp3(staging().resolve("fixed.mp3"), 1.0, tags("title", "Two")), book.resolve(NOISE),
                StandardCopyOption.REPLACE_EXISTING);
            awaitBooks(afterFixing);
            assertThat(log.errors()).isEmpty();
        }
        Job job = ledger().store().find(BOOK).orElseThrow();
        assertThat(job.state()).as("events: %s", ledger().store().events(BOOK)).isEqualTo(JobState.DONE);
        assertThat(job.attempts()).as("counter reset when the files changed").isZero();
        Path output = converted().resolve(BOOK + "/" + BOOK + ".m4b");
        assertThat(INSPECT.inspect(output).chapterTitles()).containsExactly("One", "Two", "Three");
        List<String> claims = ledger().store().events(BOOK).stream().map(JobEvent::message)
            .filter(m -> m != null && m.startsWith("claimed:")).toList();
        assertThat(claims).containsExactly("claimed: new", "claimed: content changed", "claimed: content changed");
    }
}
