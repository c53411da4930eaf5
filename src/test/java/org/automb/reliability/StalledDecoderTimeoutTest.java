package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.reliability.FailureFixtures.ffmpegChildren;
import static org.automb.reliability.FailureFixtures.onlyFailedFolder;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.ErrorClass;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * With ffmpeg as the encoder, a book of several formats is fed to it through the JVM by one decoder process per
 * file: a decoder that stalls (a hung network mount) does not hold the book past its time limit (the book's duration
 * times CONVERT_TIMEOUT_FACTOR, floor lowered to 0). Both attempts time out, no ffmpeg of this JVM survives, and
 * the book ends in the failed folder. (An encode over its limit, for each encoder: {@link EncodeTimeoutTest}.)
 */
class StalledDecoderTimeoutTest extends PipelineTestSupport {

    private static final String BOOK = "Slow Book";

    @Override
    protected Map<String, String> settings() {
        return Map.of("convert.timeout-floor-seconds", "0", "CONVERT_TIMEOUT_FACTOR", "0.001",
            "MAX_RETRIES", "1", "RETRY_BASE_DELAY", "0.2", "ENCODER", "ffmpeg");
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
}
