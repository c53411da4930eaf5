package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.reliability.FailureFixtures.checksums;
import static org.automb.reliability.FailureFixtures.onlyFailedFolder;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.ErrorClass;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.automb.testing.LogCapture;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * A conversion that takes longer than the book's duration times CONVERT_TIMEOUT_FACTOR (floor lowered to 0) is
 * killed: no ffmpeg of this JVM survives, the failure says it timed out, it is retried as transient, and the book
 * ends in the failed folder whole.
 */
class ConvertTimeoutTest extends PipelineTestSupport {

    private static final String BOOK = "Slow Book";

    @Override
    protected Map<String, String> settings() {
        // 600 s of audio x 0.001 = a 0.6 s limit; encoding it takes several seconds (ffmpeg as the encoder: the
        // in-JVM encoder's limit is LibavEncodeTimeoutTest's)
        return Map.of("convert.timeout-floor-seconds", "0", "CONVERT_TIMEOUT_FACTOR", "0.001",
            "MAX_RETRIES", "1", "RETRY_BASE_DELAY", "0.2", "ENCODER", "ffmpeg");
    }

    @Test
    void anEncodeOverItsTimeLimitIsKilledAndRetriedAsTransient() throws Exception {
        AtomicReference<Map<String, String>> originals = new AtomicReference<>();
        NotifyBuilder done = booksDone(1);
        List<String> lines;
        try (LogCapture log = LogCapture.start()) {
            drop(BOOK, folder -> {
                AUDIO.flac(folder.resolve("01 - Long.flac"), 600.0, 44100, 2, tags("title", "Long"));
                originals.set(checksums(folder));
            });
            // the check below can see the encoder: it is there while the book converts
            CompletableFuture<Boolean> sawEncoder = CompletableFuture.supplyAsync(() -> {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> !ffmpegChildren().isEmpty() || done.matches());
                return !ffmpegChildren().isEmpty();
            });
            assertThat(done.matches(60, TimeUnit.SECONDS)).as("book processed in time").isTrue();
            assertThat(sawEncoder.get(10, TimeUnit.SECONDS)).as("ffmpeg seen running during the attempt").isTrue();
            lines = log.messages();
        }

        // killed, not left behind: no ffmpeg started by this JVM is still running
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
            .untilAsserted(() -> assertThat(ffmpegChildren()).as("ffmpeg processes of this JVM").isEmpty());

        assertThat(lines).anyMatch(m -> m.contains("ffmpeg timed out after") && m.contains("and was killed")
            && m.contains("(attempt 1 of 2); retrying in 200 ms"));
        FailureFixtures.assertTimedOutTwiceAndSetAside(ledger().store().find(BOOK).orElseThrow(), failed(), originals.get(),
            working(), converted());
    }

    @Test
    void aStalledDecoderDoesNotHoldTheBookPastItsTimeLimit() throws Exception {
        NotifyBuilder done = booksDone(1);
        // 1200 s: a 1.2 s limit, time enough to catch the decoder; two sample rates: the book is fed through the
        // JVM by one decoder per file (a book of one format is read by the encoder itself)
        drop(BOOK, folder -> {
            AUDIO.flac(folder.resolve("01 - Long.flac"), 1200.0, 44100, 2, tags("title", "Long"));
            AUDIO.flac(folder.resolve("02 - Short.flac"), 1.0, 22050, 2, tags("title", "Short"));
        });
        // a decoder that stops delivering (a hung network mount): the encoder waits on its stdin, deaf to SIGTERM
        ProcessHandle decoder = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
            .until(() -> ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("pipe:1")).findFirst(), Optional::isPresent)
            .orElseThrow();
        try {
            assertThat(new ProcessBuilder("kill", "-STOP", String.valueOf(decoder.pid())).start().waitFor()).isZero();
            assertThat(done.matches(30, TimeUnit.SECONDS)).as("book processed in time").isTrue();

            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(ffmpegChildren()).as("ffmpeg processes of this JVM").isEmpty());
            Job job = ledger().store().find(BOOK).orElseThrow();
            assertThat(job.state()).isEqualTo(JobState.FAILED);
            assertThat(job.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
            assertThat(job.attempts()).isEqualTo(2);
            assertThat(FailureFixtures.failures(ledger().store().events(BOOK)))
                .as("both attempts timed out").hasSize(2)
                .allSatisfy(e -> assertThat(e.message()).contains("timed out"));
            onlyFailedFolder(failed(), BOOK);
        } finally {
            decoder.destroyForcibly();
        }
    }

    /** ffmpeg processes started (directly or not) by this JVM and still alive. */
    private static List<String> ffmpegChildren() {
        return ProcessHandle.current().descendants()
            .filter(ProcessHandle::isAlive)
            .map(p -> p.info().commandLine().or(() -> p.info().command()).orElse(""))
            .filter(command -> command.contains("ffmpeg"))
            .toList();
    }
}
