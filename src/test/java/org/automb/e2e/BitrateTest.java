package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/** With default settings (MAX_BITRATE=128) the AAC bit rate follows the best source, capped at the maximum. */
class BitrateTest extends PipelineTestSupport {

    @Test
    void bitrateFollowsTheSourcesUpToTheMaximum() throws Exception {
        NotifyBuilder done = booksDone(4);
        drop("Low Rate", folder -> {
            OutputChecks.mp3AtBitrate(folder.resolve("01.mp3"), 1.0, 22050, 1, 40, tags());
            OutputChecks.mp3AtBitrate(folder.resolve("02.mp3"), 1.0, 22050, 1, 48, tags());
        });
        drop("Standard Rate", folder -> OutputChecks.mp3AtBitrate(folder.resolve("01.mp3"), 1.0, 44100, 2, 112, tags()));
        drop("High Rate", folder -> OutputChecks.mp3AtBitrate(folder.resolve("01.mp3"), 1.0, 22050, 1, 144, tags()));
        drop("Lossless", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags());
            AUDIO.flac(folder.resolve("02.flac"), 1.0, 22050, 1, tags());
        });
        awaitBooks(done);

        assertThat(kbps("Low Rate")).as("the best source's rate").isEqualTo(48);
        assertThat(kbps("Standard Rate")).isEqualTo(112);
        assertThat(kbps("High Rate")).as("144 kbps rounds up to 160, capped by MAX_BITRATE").isEqualTo(128);
        assertThat(kbps("Lossless")).as("a lossless source gets MAX_BITRATE").isEqualTo(128);
    }

    private int kbps(String book) throws Exception {
        return bitrateKbps(converted().resolve(book));
    }

    /** The AAC bit rate a book was encoded at, from its manifest; the output must be an encode. */
    static int bitrateKbps(Path bookFolder) throws Exception {
        assertThat(OutputChecks.manifest(bookFolder).path("mode").asText()).isEqualTo("encode");
        assertThat(bookFolder.resolve(bookFolder.getFileName() + ".m4b")).exists();
        return OutputChecks.manifest(bookFolder).path("audio").path("bitrateKbps").asInt();
    }
}
