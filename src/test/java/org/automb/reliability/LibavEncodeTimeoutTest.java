package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.reliability.FailureFixtures.checksums;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.testing.LogCapture;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The in-JVM encoder keeps the same time limit as an ffmpeg process (the book's duration times
 * CONVERT_TIMEOUT_FACTOR): over it, every segment's encoder stops, the failure says it timed out, it is retried as
 * transient, and the book ends in the failed folder whole.
 */
class LibavEncodeTimeoutTest extends PipelineTestSupport {

    private static final String BOOK = "Slow Book";

    @Override
    protected Map<String, String> settings() {
        // 900 s of audio x 0.001 = a 0.9 s limit; encoding it takes several seconds
        return Map.of("convert.timeout-floor-seconds", "0", "CONVERT_TIMEOUT_FACTOR", "0.001",
            "MAX_RETRIES", "1", "RETRY_BASE_DELAY", "0.2", "ENCODER", "libav");
    }

    @Test
    void anEncodeOverItsTimeLimitIsStoppedAndRetriedAsTransient() throws Exception {
        AtomicReference<Map<String, String>> originals = new AtomicReference<>();
        NotifyBuilder done = booksDone(1);
        List<String> lines;
        try (LogCapture log = LogCapture.start()) {
            drop(BOOK, folder -> {
                AUDIO.flac(folder.resolve("01 - Long.flac"), 600.0, 44100, 2, tags("title", "Long"));
                AUDIO.flac(folder.resolve("02 - More.flac"), 300.0, 44100, 2, tags("title", "More"));
                originals.set(checksums(folder));
            });
            assertThat(done.matches(60, TimeUnit.SECONDS)).as("book processed in time").isTrue();
            lines = log.messages();
        }

        assertThat(lines).anyMatch(m -> m.contains("the encoder timed out after") && m.contains("and was stopped")
            && m.contains("(attempt 1 of 2); retrying in 200 ms"));
        FailureFixtures.assertTimedOutTwiceAndSetAside(ledger().store().find(BOOK).orElseThrow(), failed(), originals.get(),
            working(), converted());
    }
}
