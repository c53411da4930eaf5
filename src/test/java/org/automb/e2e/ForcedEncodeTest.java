package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.testing.M4bInspector.M4bFacts;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/** CONVERT_MODE=always: AAC parts and single m4b files are re-encoded instead of joined or passed through. */
class ForcedEncodeTest extends PipelineTestSupport {

    private static final int FRAME = 1024;

    @Override
    protected Map<String, String> settings() {
        return Map.of("CONVERT_MODE", "always");
    }

    @Test
    void compatibleAacPartsAreReEncodedIntoOneExactStream() throws Exception {
        double[] seconds = {1.1, 0.9, 1.3};
        long[] decoded = new long[seconds.length];
        NotifyBuilder done = booksDone(1);
        drop("Forced Join", folder -> {
            for (int i = 0; i < seconds.length; i++) {
                Path part = AUDIO.aac(folder.resolve(String.format("%02d - Part.m4a", i + 1)), seconds[i], 44100, 2,
                    tags("title", "Part " + (i + 1)));
                decoded[i] = INSPECT.decodedSamples(part);
            }
        });
        awaitBooks(done);

        Path bookFolder = converted().resolve("Forced Join");
        Path output = bookFolder.resolve("Forced Join.m4b");
        assertThat(OutputChecks.manifest(bookFolder).path("mode").asText()).isEqualTo("encode");
        M4bFacts facts = INSPECT.inspect(output);
        assertThat(facts.chapterTitles()).containsExactly("Part 1", "Part 2", "Part 3");
        assertThat(facts.chapters().get(1).start()).isCloseTo(decoded[0] / 44100.0, within(FRAME / 44100.0));
        assertThat(facts.chapters().get(2).start()).isCloseTo((decoded[0] + decoded[1]) / 44100.0, within(FRAME / 44100.0));
        long total = decoded[0] + decoded[1] + decoded[2];
        assertThat(INSPECT.decodedSamples(output)).isBetween(total - FRAME, total + FRAME);
    }

    @Test
    void aSingleM4bIsReEncoded() throws Exception {
        String[] sourceSha = new String[1];
        long[] decoded = new long[1];
        NotifyBuilder done = booksDone(1);
        drop("Forced Single", folder -> {
            Path m4b = AUDIO.aac(folder.resolve("Forced Single.m4b"), 2.0, 44100, 2, tags("album", "Forced Single"));
            sourceSha[0] = PassthroughTest.sha(m4b);
            decoded[0] = INSPECT.decodedSamples(m4b);
        });
        awaitBooks(done);

        Path bookFolder = converted().resolve("Forced Single");
        Path output = bookFolder.resolve("Forced Single.m4b");
        assertThat(output).exists();
        assertThat(OutputChecks.manifest(bookFolder).path("mode").asText()).isEqualTo("encode");
        assertThat(OutputChecks.sha256(output)).isNotEqualTo(sourceSha[0]);
        assertThat(INSPECT.inspect(output).tags()).containsEntry("media_type", "2").containsEntry("title", "Forced Single");
        assertThat(INSPECT.decodedSamples(output)).isBetween(decoded[0] - FRAME, decoded[0] + FRAME);
    }
}
