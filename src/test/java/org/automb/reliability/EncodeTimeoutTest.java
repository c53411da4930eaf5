package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.reliability.FailureFixtures.checksums;
import static org.automb.reliability.FailureFixtures.ffmpegChildren;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.testing.LogCapture;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each encoder keeps the book's time limit (its duration times CONVERT_TIMEOUT_FACTOR, floor lowered to 0): an
 * encode over it is ended (an ffmpeg process killed, none of this JVM left running; the in-JVM encoder's segments
 * stopped), the failure says it timed out, it is retried as transient, and the book ends in the failed folder whole.
 */
@ParameterizedClass
@EnumSource(EncodeTimeoutTest.Encoder.class)
class EncodeTimeoutTest extends PipelineTestSupport {

    private static final String BOOK = "Slow Book";

    /** The encoder under test, with what it is given and what it says when it is ended. */
    enum Encoder {
        /** 600 s of audio x 0.001 = a 0.6 s limit; encoding it takes several seconds. */
        FFMPEG("ffmpeg", "ffmpeg timed out after", "and was killed", true, 600.0),
        /** 900 s of audio x 0.001 = a 0.9 s limit; encoding it takes several seconds. */
        LIBAV("libav", "the encoder timed out after", "and was stopped", false, 600.0, 300.0);

        final String setting;
        final String timedOut;
        final String ended;
        /** The encode is an ffmpeg process of this JVM, seen while the book converts and gone after. */
        final boolean ffmpegProcess;
        final double[] sourceSeconds;

        Encoder(String setting, String timedOut, String ended, boolean ffmpegProcess, double... sourceSeconds) {
            this.setting = setting;
            this.timedOut = timedOut;
            this.ended = ended;
            this.ffmpegProcess = ffmpegProcess;
            this.sourceSeconds = sourceSeconds;
        }
    }

    /**
     * The encoder of the current invocation. Static because the Camel test support reads {@link #settings()} in
     * its constructor, before any parameter of this instance is injected.
     */
    private static Encoder current;

    private final Encoder encoder;

    EncodeTimeoutTest(Encoder encoder) {
        this.encoder = encoder;
    }

    @BeforeParameterizedClassInvocation
    static void useEncoder(Encoder encoder) {
        current = encoder;
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("convert.timeout-floor-seconds", "0", "CONVERT_TIMEOUT_FACTOR", "0.001",
            "MAX_RETRIES", "1", "RETRY_BASE_DELAY", "0.2", "ENCODER", current.setting);
    }

    @Test
    void anEncodeOverItsTimeLimitIsEndedAndRetriedAsTransient() throws Exception {
        AtomicReference<Map<String, String>> originals = new AtomicReference<>();
        NotifyBuilder done = booksDone(1);
        List<String> lines;
        try (LogCapture log = LogCapture.start()) {
            drop(BOOK, folder -> {
                String[] titles = {"Long", "More"};
                for (int i = 0; i < encoder.sourceSeconds.length; i++) {
                    AUDIO.flac(folder.resolve(String.format("%02d - %s.flac", i + 1, titles[i])), encoder.sourceSeconds[i],
                        44100, 2, tags("title", titles[i]));
                }
                originals.set(checksums(folder));
            });
            // the check below can see the encoder: it is there while the book converts
            CompletableFuture<Boolean> sawEncoder = !encoder.ffmpegProcess ? null : CompletableFuture.supplyAsync(() -> {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> !ffmpegChildren().isEmpty() || done.matches());
                return !ffmpegChildren().isEmpty();
            });
            assertThat(done.matches(60, TimeUnit.SECONDS)).as("book processed in time").isTrue();
            if (encoder.ffmpegProcess) {
                assertThat(sawEncoder.get(10, TimeUnit.SECONDS)).as("ffmpeg seen running during the attempt").isTrue();
            }
            lines = log.messages();
        }

        if (encoder.ffmpegProcess) {
            // killed, not left behind: no ffmpeg started by this JVM is still running
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(ffmpegChildren()).as("ffmpeg processes of this JVM").isEmpty());
        }

        assertThat(lines).anyMatch(m -> m.contains(encoder.timedOut) && m.contains(encoder.ended)
            && m.contains("(attempt 1 of 2); retrying in 200 ms"));
        FailureFixtures.assertTimedOutTwiceAndSetAside(ledger().store().find(BOOK).orElseThrow(), failed(), originals.get(),
            working(), converted());
    }
}
