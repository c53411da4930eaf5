package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.automb.reliability.FailureFixtures.entriesUnder;
import static org.automb.reliability.FailureFixtures.randomBytes;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobEvent;
import org.automb.jobs.store.JobState;
import org.automb.testing.M4bInspector;
import org.automb.testing.PipelineTestSupport;
import org.automb.testing.ServiceFiles;
import org.junit.jupiter.api.Test;

/**
 * A source file deleted, rewritten in place, or replaced by a rename while its book converts is a changed book, not
 * a broken one: whatever the attempt made or failed with is dropped (no attempt counted, nothing in the failed
 * folder), and the book is read again and converted with its new content. A file that is broken and stays so still
 * fails for good, naming the file.
 */
class SourceChangedMidConversionTest extends PipelineTestSupport {

    private static final String BOOK = "Changing Book";
    private static final String TWO = "02 - Two.mp3";

    @Override
    protected Map<String, String> settings() {
        // one book at a time: a second book waits in the queue while the first converts
        return Map.of("MAX_RETRIES", "2", "RETRY_BASE_DELAY", "0.2", "MAX_PARALLEL_BOOKS", "1");
    }

    @Test
    void aFileDeletedMidConversionEndsInABookWithoutIt() throws Exception {
        convertChangingMidWay(book -> Files.delete(book.resolve(TWO)));

        assertConvertedOnceWithoutFailure(List.of("One", "Three"), 302.0);
        assertThat(filesUnder(archive().resolve(BOOK))).containsExactly("01 - One.flac", "03 - Three.mp3");
    }

    @Test
    void aFileOverwrittenInPlaceMidConversionEndsInABookWithItsNewContent() throws Exception {
        Path longer = AUDIO.mp3(staging().resolve("longer.mp3"), 4.0, tags("title", "Two Again"));
        convertChangingMidWay(book -> {
            Path two = book.resolve(TWO);
            Object inode = Files.readAttributes(two, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            Files.write(two, Files.readAllBytes(longer)); // same file, truncated and written again
            assertThat(Files.readAttributes(two, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                .as("rewritten in place, not replaced").isEqualTo(inode);
        });

        assertConvertedOnceWithoutFailure(List.of("One", "Two Again", "Three"), 306.0);
        assertThat(filesUnder(archive().resolve(BOOK))).containsExactly("01 - One.flac", TWO, "03 - Three.mp3");
    }

    @Test
    void aFileReplacedByARenameWithTheSameSizeAndTimeEndsInABookWithItsNewContent() throws Exception {
        // "Owt" is as long as "Two": the same length of constant-bitrate audio and tags gives the same size
        Path replacement = AUDIO.mp3(staging().resolve("replacement.mp3"), 2.0, tags("title", "Owt"));
        convertChangingMidWay(book -> {
            Path two = book.resolve(TWO);
            assertThat(Files.size(replacement)).as("same size: only the file's identity tells").isEqualTo(Files.size(two));
            Files.setLastModifiedTime(replacement, Files.getLastModifiedTime(two));
            Files.move(replacement, two, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        });

        assertConvertedOnceWithoutFailure(List.of("One", "Owt", "Three"), 304.0);
        assertThat(filesUnder(archive().resolve(BOOK))).containsExactly("01 - One.flac", TWO, "03 - Three.mp3");
    }

    @Test
    void aFileDeletedWhileTheBookWaitsForAWorkerIsAChangeNotAFailure() throws Exception {
        NotifyBuilder allDone = booksDone(3); // the long book, the queued book read again at once, then converted
        drop("A Long Book", folder -> AUDIO.flac(folder.resolve("01.flac"), 300.0, 44100, 2, tags("title", "Long")));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
            .until(() -> progressFileUnder(working()));
        Path queued = drop("B Queued Book", folder -> {
            AUDIO.mp3(folder.resolve("01 - One.mp3"), 1.0, tags("title", "One"));
            AUDIO.mp3(folder.resolve(TWO), 1.0, tags("title", "Two"));
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger().status("B Queued Book") == JobState.PENDING);
        assertThat(ledger().status("A Long Book")).as("still converting: the other book waits").isEqualTo(JobState.CONVERTING);
        Files.delete(queued.resolve(TWO));
        awaitBooks(allDone);

        assertThat(INSPECT.inspect(converted().resolve("B Queued Book/B Queued Book.m4b")).chapterTitles())
            .containsExactly("One");
        Job job = ledger().store().find("B Queued Book").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.DONE);
        assertThat(job.attempts()).isZero();
        assertThat(entriesUnder(failed())).isEmpty();
    }

    @Test
    void aFileThatIsBrokenAndStaysSoStillFailsForGoodNamingTheFile() throws Exception {
        NotifyBuilder done = booksDone(1);
        drop("Noisy Book", folder -> {
            AUDIO.mp3(folder.resolve("01 - One.mp3"), 1.0, tags("title", "One"));
            randomBytes(folder.resolve("02 - Noise.mp3"), 30_000, 11);
        });
        awaitBooks(done);

        Job job = ledger().store().find("Noisy Book").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.attempts()).as("a permanent failure is not retried").isEqualTo(1);
        assertThat(job.errorMessage()).contains("02 - Noise.mp3");
        Path folder = FailureFixtures.onlyFailedFolder(failed(), "Noisy Book");
        assertThat(Files.readString(folder.resolve("FAILED_INFO.txt"), StandardCharsets.UTF_8)).contains("02 - Noise.mp3");
        assertThat(filesUnder(converted())).isEmpty();
    }

    /** A change made to the book once its encode is under way. */
    @FunctionalInterface
    private interface Change {
        void apply(Path book) throws IOException;
    }

    /** Drops the book (a 300 s flac, then two short mp3s), applies {@code change} mid-encode, waits for the end. */
    private void convertChangingMidWay(Change change) throws Exception {
        NotifyBuilder droppedThenConverted = booksDone(2);
        // 300 s of 44.1 kHz stereo: the encode takes seconds, time enough to change the book under it
        Path book = drop(BOOK, folder -> {
            AUDIO.flac(folder.resolve("01 - One.flac"), 300.0, 44100, 2, tags("title", "One"));
            AUDIO.mp3(folder.resolve(TWO), 2.0, tags("title", "Two"));
            AUDIO.mp3(folder.resolve("03 - Three.mp3"), 2.0, tags("title", "Three"));
        });
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
            .until(() -> progressFileUnder(working()));
        assertThat(ledger().status(BOOK)).isEqualTo(JobState.CONVERTING);
        change.apply(book);
        awaitBooks(droppedThenConverted);
    }

    private void assertConvertedOnceWithoutFailure(List<String> chapters, double seconds) throws Exception {
        List<String> outputs = filesUnder(converted()).stream().filter(f -> f.endsWith(".m4b")).toList();
        assertThat(outputs).as("exactly one output").containsExactly(BOOK + "/" + BOOK + ".m4b");
        M4bInspector.M4bFacts facts = INSPECT.inspect(converted().resolve(outputs.get(0)));
        assertThat(facts.chapterTitles()).as("the book as it is now").containsExactlyElementsOf(chapters);
        assertThat(facts.durationSeconds()).isCloseTo(seconds, within(0.5));
        assertThat(entriesUnder(failed())).as("a changed book is not a failed one").isEmpty();
        assertThat(ServiceFiles.scratchLeftIn(working())).as("no book scratch left in the working folder").isEmpty();
        assertThat(filesUnder(inbox())).isEmpty();

        Job job = ledger().store().find(BOOK).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.DONE);
        assertThat(job.attempts()).as("a change is not a failed attempt").isZero();
        List<JobEvent> events = ledger().store().events(BOOK);
        assertThat(events).extracting(JobEvent::to).doesNotContain(JobState.RETRY_SCHEDULED, JobState.FAILED)
            .containsSubsequence(JobState.CONVERTING, JobState.WAITING, JobState.PENDING, JobState.CONVERTING, JobState.DONE);
    }

    private static boolean progressFileUnder(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().equals("encode.progress"));
        } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException vanished) {
            return false; // an attempt's folder came or went during the walk
        }
    }
}
