package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.reliability.FailureFixtures.checksums;
import static org.automb.reliability.FailureFixtures.checksumsWithoutInfo;
import static org.automb.reliability.FailureFixtures.failedFoldersOf;
import static org.automb.reliability.FailureFixtures.failures;
import static org.automb.reliability.FailureFixtures.onlyFailedFolder;
import static org.automb.reliability.FailureFixtures.randomBytes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.ErrorClass;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobEvent;
import org.automb.jobs.store.JobState;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * A book that cannot be read fails for good at once: no retry, straight to the failed folder with a FAILED_INFO.txt
 * that names the file and quotes ffprobe, while the book beside it converts. Moved back into the inbox (fixed, or
 * as it was) it is taken again with its attempt counter reset, as FAILED_INFO.txt promises.
 */
class PermanentFailureTest extends PipelineTestSupport {

    private static final String BAD = "Corrupt Book";
    private static final String NOISE = "01 - Noise.mp3";

    @Override
    protected Map<String, String> settings() {
        return Map.of("MAX_RETRIES", "2", "RETRY_BASE_DELAY", "0.2");
    }

    @Test
    void aCorruptBookFailsOnceAndConvertsWhenFixedAndMovedBack() throws Exception {
        // counted from the start: a builder created just as another matches can still be told of the same exchange
        NotifyBuilder again = booksDone(3);
        Map<String, String> originals = dropCorruptBookBesideAGoodOne();

        Path folder = onlyFailedFolder(failed(), BAD);
        assertThat(checksumsWithoutInfo(folder)).as("the original, byte for byte").isEqualTo(originals);
        assertThat(converted().resolve("Good Book/Good Book.m4b")).as("the good book converted").isRegularFile();
        assertThat(filesUnder(converted())).noneMatch(f -> f.startsWith(BAD));

        String info = Files.readString(folder.resolve("FAILED_INFO.txt"), StandardCharsets.UTF_8);
        assertThat(info)
            .contains("Book name:    " + BAD)
            .contains("Error type:   permanent")
            .contains("Attempts:     1 (max retries 2)")
            .contains("book '" + BAD + "', file '" + NOISE + "': ffprobe cannot read the file")
            .contains("Last lines from ffmpeg / details:")
            .contains("Invalid data found when processing input")
            .contains("Recovery steps:");

        Job failedJob = ledger().store().find(BAD).orElseThrow();
        assertThat(failedJob.state()).isEqualTo(JobState.FAILED);
        assertThat(failedJob.attempts()).as("one attempt, no retry").isEqualTo(1);
        assertThat(failedJob.errorClass()).isEqualTo(ErrorClass.PERMANENT);
        assertThat(ledger().store().events(BAD)).extracting(JobEvent::to).doesNotContain(JobState.RETRY_SCHEDULED);

        // the user replaces the bad file inside the failed folder, deletes FAILED_INFO.txt, moves the folder back
        Path fixed = AUDIO.mp3(staging().resolve("fixed.mp3"), 1.0, tags("title", "Noise, fixed"));
        Files.move(fixed, folder.resolve(NOISE), StandardCopyOption.REPLACE_EXISTING);
        Files.delete(folder.resolve("FAILED_INFO.txt"));
        Files.move(folder, inbox().resolve(BAD));
        awaitBooks(again);

        assertThat(converted().resolve(BAD + "/" + BAD + ".m4b")).as("the fixed book converted").isRegularFile();
        assertThat(INSPECT.inspect(converted().resolve(BAD + "/" + BAD + ".m4b")).chapterTitles()).containsExactly("Noise, fixed");
        assertThat(failedFoldersOf(failed(), BAD)).as("the failed folder was moved back").isEmpty();
        Job job = ledger().store().find(BAD).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.DONE);
        assertThat(job.attempts()).as("attempt counter reset").isZero();
        assertThat(job.errorMessage()).as("failure history cleared").isNull();
        assertThat(claimsAfterTheFailure(BAD)).extracting(JobEvent::message).containsExactly("claimed: content changed");
    }

    @Test
    void aCorruptBookMovedBackUnchangedIsTriedAgainWithItsCounterReset() throws Exception {
        NotifyBuilder again = booksDone(3);
        Map<String, String> originals = dropCorruptBookBesideAGoodOne();
        Path folder = onlyFailedFolder(failed(), BAD);

        // moved back as it was, FAILED_INFO.txt kept: moving it back is the user's request to try again
        Files.move(folder, inbox().resolve(BAD));
        awaitBooks(again);

        List<Path> folders = failedFoldersOf(failed(), BAD);
        assertThat(folders).as("set aside again, in a new failed folder").hasSize(1);
        Path second = folders.get(0);
        assertThat(checksumsWithoutInfo(second)).as("the original, byte for byte").isEqualTo(originals);
        assertThat(Files.readString(second.resolve("FAILED_INFO.txt"), StandardCharsets.UTF_8))
            .contains("Error type:   permanent")
            .contains("Attempts:     1 (max retries 2)")
            .contains(NOISE);
        assertThat(FailureFixtures.entriesUnder(inbox())).isEmpty();

        Job job = ledger().store().find(BAD).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.attempts()).as("the counter restarted: one attempt since the move back, not two").isEqualTo(1);
        assertThat(claimsAfterTheFailure(BAD)).extracting(JobEvent::message).containsExactly("claimed: content changed");
        assertThat(failures(ledger().store().events(BAD))).as("one failed attempt before, one after").hasSize(2);
    }

    /** Drops the corrupt book and a good one, waits for both; returns the corrupt book's checksums. */
    private Map<String, String> dropCorruptBookBesideAGoodOne() {
        AtomicReference<Map<String, String>> originals = new AtomicReference<>();
        NotifyBuilder done = booksDone(2);
        drop(BAD, folder -> {
            randomBytes(folder.resolve(NOISE), 30_000, 42);
            originals.set(checksums(folder));
        });
        drop("Good Book", folder -> AUDIO.mp3(folder.resolve("01 - One.mp3"), 1.0, tags("title", "One")));
        awaitBooks(done);
        assertThat(ledger().status("Good Book")).isEqualTo(JobState.DONE);
        return originals.get();
    }

    /** The claims recorded after the book first failed. */
    private List<JobEvent> claimsAfterTheFailure(String key) {
        List<JobEvent> events = ledger().store().events(key);
        int firstFailure = events.indexOf(failures(events).get(0));
        return events.subList(firstFailure + 1, events.size()).stream()
            .filter(e -> e.message() != null && e.message().startsWith("claimed:")).toList();
    }
}
