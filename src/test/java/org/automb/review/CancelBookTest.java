package org.automb.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.testing.ServiceFiles.scratchLeftIn;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.BookCancellations;
import org.automb.jobs.store.BookRun;
import org.automb.jobs.store.EventCause;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobEvent;
import org.automb.jobs.store.JobState;
import org.automb.testing.FolderChecksums;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * A user cancels a book while it is encoded: the encode stops, its working folder is cleared, nothing reaches the
 * converted folder, the originals stay in the inbox as they were, and the job ends CANCELLED (a cancelled run
 * recorded, no attempt counted, no retry); the scan does not take it again.
 */
class CancelBookTest extends PipelineTestSupport {

    private static final String BOOK = "Long Book";

    @Override
    protected Map<String, String> settings() {
        return Map.of("ON_COMPLETE", "archive");
    }

    @Test
    void aBookCancelledMidEncodeEndsCancelledWithItsFilesUntouched() throws Exception {
        NotifyBuilder ended = booksDone(1);
        // 600 s of 44.1 kHz stereo: the encode takes seconds, time enough to cancel it under way
        Path book = drop(BOOK, folder -> AUDIO.flac(folder.resolve("01 - One.flac"), 600.0, 44100, 2, Map.of("title", "One")));
        Map<String, String> before = FolderChecksums.of(book);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> progressFileUnder(working()));
        assertThat(ledger().status(BOOK)).isEqualTo(JobState.CONVERTING);

        long cancelledAt = System.nanoTime();
        assertThat(cancellations().cancel(BOOK)).as("a running attempt was told to stop").isTrue();
        awaitBooks(ended);
        double seconds = (System.nanoTime() - cancelledAt) / 1e9;
        System.out.printf("CancelBookTest: the attempt ended %.2f s after the cancel%n", seconds);
        assertThat(seconds).as("the encode stops quickly").isLessThan(10.0);

        Job job = ledger().store().find(BOOK).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.CANCELLED);
        assertThat(job.attempts()).as("a cancel is no failed attempt").isZero();
        assertThat(ledger().store().events(BOOK)).filteredOn(e -> e.to() == JobState.CANCELLED)
            .extracting(JobEvent::cause).contains(EventCause.API);
        assertThat(ledger().store().events(BOOK)).extracting(JobEvent::to)
            .doesNotContain(JobState.RETRY_SCHEDULED, JobState.FAILED, JobState.DONE);
        assertThat(ledger().store().runs().of(BOOK)).extracting(BookRun::outcome).containsExactly(BookRun.Outcome.CANCELLED);
        assertThat(ledger().store().runs().of(BOOK).get(0).audioPath()).as("the encoder cancelled").startsWith(audioPathPrefix());

        assertThat(FolderChecksums.of(book)).as("the originals, untouched in the inbox").isEqualTo(before);
        assertThat(scratchLeftIn(working())).as("the working folder is cleared").isEmpty();
        assertThat(filesUnder(converted())).as("nothing half-written delivered").isEmpty();
        assertThat(filesUnder(archive())).isEmpty();
        assertThat(filesUnder(failed())).isEmpty();

        // the scan sees the book again and leaves it: CANCELLED is final until a user retries it or its files change
        NotifyBuilder scans = new NotifyBuilder(context).fromRoute("scan-inbox").whenCompleted(3).create();
        assertThat(scans.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ledger().status(BOOK)).isEqualTo(JobState.CANCELLED);
        assertThat(ledger().store().events(BOOK).get(ledger().store().events(BOOK).size() - 1).to())
            .isEqualTo(JobState.CANCELLED);
    }

    @Test
    void cancellingABookThatIsNotRunningOnlyMovesItsJob() {
        NotifyBuilder done = booksDone(1);
        drop("Short Book", folder -> AUDIO.mp3(folder.resolve("one.mp3"), 2.0, Map.of("title", "One")));
        awaitBooks(done);
        assertThat(ledger().status("Short Book")).isEqualTo(JobState.DONE);
        assertThat(cancellations().cancel("Short Book")).as("nothing running").isFalse();
        assertThat(ledger().status("Short Book")).as("a finished book stays finished").isEqualTo(JobState.DONE);
    }

    /** How the book's audio is written: in the JVM here, by the ffmpeg program in the subclass. */
    protected String audioPathPrefix() {
        return "JVM_";
    }

    private BookCancellations cancellations() {
        return context.getRegistry().lookupByNameAndType("bookCancellations", BookCancellations.class);
    }

    static boolean progressFileUnder(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().equals("encode.progress"));
        } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException vanished) {
            return false; // an attempt's folder came or went during the walk
        }
    }

}
