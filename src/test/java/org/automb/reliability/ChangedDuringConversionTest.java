package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.automb.reliability.FailureFixtures.entriesUnder;
import static org.automb.testing.ServiceFiles.scratchLeftIn;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobEvent;
import org.automb.jobs.store.JobState;
import org.automb.testing.LogCapture;
import org.automb.testing.M4bInspector;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * A book whose files change while it is converted is never delivered half-old: the attempt is discarded (it is
 * not a failure), the book is read again and converted with its new content, and there is exactly one output.
 */
class ChangedDuringConversionTest extends PipelineTestSupport {

    private static final String BOOK = "Growing Book";

    @Override
    protected Map<String, String> settings() {
        return Map.of("MAX_RETRIES", "2", "RETRY_BASE_DELAY", "0.2");
    }

    @Test
    void aBookThatChangesWhileConvertingIsReadAgainAndConvertedWithItsNewContent() throws Exception {
        Path secondPart = AUDIO.mp3(staging().resolve("two.mp3"), 2.0, tags("title", "Two"));
        NotifyBuilder discardedThenConverted = booksDone(2);
        List<String> warnings;
        try (LogCapture log = LogCapture.start()) {
            // 300 s of 44.1 kHz stereo: the encode takes seconds, time enough to change the book under it
            Path book = drop(BOOK, folder -> AUDIO.flac(folder.resolve("01 - One.flac"), 300.0, 44100, 2, tags("title", "One")));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> progressFileUnder(working()));
            assertThat(ledger().status(BOOK)).isEqualTo(JobState.CONVERTING);
            Files.move(secondPart, book.resolve("02 - Two.mp3"));
            awaitBooks(discardedThenConverted);
            warnings = log.messages().stream().filter(m -> m.contains("changed during the conversion")).toList();
        }

        assertThat(warnings).as("the discarded attempt is told").hasSize(1);
        List<String> outputs = filesUnder(converted()).stream().filter(f -> f.endsWith(".m4b")).toList();
        assertThat(outputs).as("exactly one output").containsExactly(BOOK + "/" + BOOK + ".m4b");
        M4bInspector.M4bFacts facts = INSPECT.inspect(converted().resolve(outputs.get(0)));
        assertThat(facts.chapterTitles()).as("the new file is in the book").containsExactly("One", "Two");
        assertThat(facts.durationSeconds()).isCloseTo(302.0, within(0.5));
        assertThat(filesUnder(archive().resolve(BOOK))).containsExactly("01 - One.flac", "02 - Two.mp3");
        assertThat(scratchLeftIn(working())).isEmpty();
        assertThat(entriesUnder(failed())).isEmpty();

        Job job = ledger().store().find(BOOK).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.DONE);
        assertThat(job.attempts()).as("a change is not a failed attempt").isZero();
        List<JobEvent> events = ledger().store().events(BOOK);
        assertThat(events).extracting(JobEvent::to).doesNotContain(JobState.RETRY_SCHEDULED, JobState.FAILED)
            .containsSubsequence(JobState.CONVERTING, JobState.WAITING, JobState.PENDING, JobState.CONVERTING, JobState.DONE);
        assertThat(events).extracting(JobEvent::message).contains("files changed during conversion; read again");
    }

    private static boolean progressFileUnder(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().equals("encode.progress"));
        } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException vanished) {
            return false; // an attempt's folder came or went during the walk
        }
    }
}
