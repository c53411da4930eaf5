package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/** AUDIO_BITRATE fixes the bit rate (rounded up to a standard AAC rate) whatever the sources and MAX_BITRATE say. */
class BitrateOverrideTest extends PipelineTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("AUDIO_BITRATE", "100", "MAX_BITRATE", "64");
    }

    @Test
    void audioBitrateOverridesTheSourcesAndTheMaximum() throws Exception {
        NotifyBuilder done = booksDone(2);
        drop("Poor Source", folder -> OutputChecks.mp3AtBitrate(folder.resolve("01.mp3"), 1.0, 22050, 1, 32, tags()));
        drop("Rich Source", folder -> AUDIO.flac(folder.resolve("01.flac"), 1.0, 44100, 2, tags()));
        awaitBooks(done);

        assertThat(BitrateTest.bitrateKbps(converted().resolve("Poor Source"))).isEqualTo(112);
        assertThat(BitrateTest.bitrateKbps(converted().resolve("Rich Source"))).isEqualTo(112);
    }
}
