package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/** A raised MAX_BITRATE lets the bit rate follow better sources, rounded up to a standard AAC rate. */
class BitrateCeilingTest extends PipelineTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("MAX_BITRATE", "320");
    }

    @Test
    void bitrateIsRoundedUpToAStandardAacRateUnderARaisedMaximum() throws Exception {
        NotifyBuilder done = booksDone(3);
        drop("Odd Rate", folder -> OutputChecks.mp3AtBitrate(folder.resolve("01.mp3"), 1.0, 22050, 1, 144, tags()));
        drop("Top Rate", folder -> OutputChecks.mp3AtBitrate(folder.resolve("01.mp3"), 1.0, 44100, 2, 320, tags()));
        drop("Lossless", folder -> AUDIO.flac(folder.resolve("01.flac"), 1.0, 44100, 2, tags()));
        awaitBooks(done);

        assertThat(BitrateTest.bitrateKbps(converted().resolve("Odd Rate"))).as("144 kbps mp3 -> next AAC rate").isEqualTo(160);
        assertThat(BitrateTest.bitrateKbps(converted().resolve("Top Rate"))).isEqualTo(320);
        assertThat(BitrateTest.bitrateKbps(converted().resolve("Lossless"))).isEqualTo(320);
    }
}
