package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.testing.M4bInspector.M4bFacts;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * One book made of every kind of source at once (mp3 22050 Hz mono, flac 44100 Hz stereo, opus in ogg, wav,
 * wma, AAC m4a at 32000 Hz): all are decoded and resampled into one encoder, so the output is exact in length
 * and has one chapter per file where each file starts.
 */
class MixedFormatsTest extends PipelineTestSupport {

    private static final int BOOK_RATE = 48000; // the highest source rate (opus)
    private static final int FRAME = 1024;

    @Test
    void sourcesOfDifferentCodecsRatesAndChannelsMakeOneExactBook() throws Exception {
        List<Path> sources = new ArrayList<>();
        int[] sourceRates = {22050, 44100, 48000, 16000, 44100, 32000};
        // what a player decodes from each source, in samples at the book's rate (measured before the book is dropped)
        List<Double> lengths = new ArrayList<>();
        NotifyBuilder done = booksDone(1);
        drop("Various Hands - Mixed Bag", folder -> {
            sources.add(AUDIO.mp3(folder.resolve("01 - Mp3 Mono.mp3"), 1.3, 22050, 1, tags("title", "Mp3 Mono")));
            sources.add(AUDIO.flac(folder.resolve("02 - Flac Stereo.flac"), 1.1, 44100, 2, tags("title", "Flac Stereo")));
            sources.add(AUDIO.opus(folder.resolve("03 - Opus.ogg"), 0.9, tags("title", "Opus In Ogg")));
            sources.add(AUDIO.wav(folder.resolve("04 - Plain Wave.wav"), 0.7, 16000, 1));
            sources.add(AUDIO.wma(folder.resolve("05 - Windows Media.wma"), 1.2, tags("title", "Windows Media")));
            sources.add(AUDIO.aac(folder.resolve("06 - Aac Part.m4a"), 0.8, 32000, 2, tags("title", "Aac Part")));
            for (int i = 0; i < sources.size(); i++) {
                lengths.add(INSPECT.decodedSamples(sources.get(i)) * (double) BOOK_RATE / sourceRates[i]);
            }
        });
        awaitBooks(done);

        Path bookFolder = converted().resolve("Various Hands - Mixed Bag");
        Path output = bookFolder.resolve("Various Hands - Mixed Bag.m4b");
        assertThat(output).exists();
        JsonNode manifest = OutputChecks.manifest(bookFolder);
        assertThat(manifest.path("mode").asText()).isEqualTo("encode");
        assertThat(manifest.path("audio").path("path").asText()).isEqualTo("JVM_SEGMENTS");
        assertThat(manifest.path("audio").path("sampleRate").asInt()).isEqualTo(BOOK_RATE);
        assertThat(manifest.path("audio").path("channels").asInt()).isEqualTo(2);
        assertThat(manifest.path("audio").path("bitrateKbps").asInt()).as("a lossless source: MAX_BITRATE").isEqualTo(128);

        M4bFacts facts = INSPECT.inspect(output);
        assertThat(facts.codec()).isEqualTo("aac");
        assertThat(facts.sampleRate()).isEqualTo(BOOK_RATE);
        assertThat(facts.channels()).isEqualTo(2);
        assertThat(facts.chapterTitles())
            .containsExactly("Mp3 Mono", "Flac Stereo", "Opus In Ogg", "Plain Wave", "Windows Media", "Aac Part");

        double position = 0;
        for (int i = 0; i < lengths.size(); i++) {
            assertThat(facts.chapters().get(i).start()).as("chapter %d starts where its file starts", i + 1)
                .isCloseTo(position / BOOK_RATE, within((double) FRAME / BOOK_RATE));
            position += lengths.get(i);
        }
        long total = Math.round(position);
        assertThat(INSPECT.decodedSamples(output)).as("decoded samples of the book").isBetween(total - FRAME, total + FRAME);
        assertThat(facts.tags()).containsEntry("title", "Mixed Bag").containsEntry("artist", "Various Hands");
    }
}
