package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.testing.M4bInspector.ChapterFact;
import org.automb.testing.M4bInspector.M4bFacts;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * One AAC encoder is fed by all of a book's sources, so however many files there are, the output decodes to
 * the sources' total length within one AAC frame and every chapter starts at its source's first sample, even
 * at the end of a 300-file book (where per-file encoding or per-file rounding would have drifted by seconds).
 */
class ExactnessTest extends PipelineTestSupport {

    private static final int FILES = 300;
    private static final int RATE = 22050;
    private static final int FRAME = 1024;

    /** 0.30 to 0.50 s in steps of 20 ms (441 samples), so every requested length is a whole number of samples. */
    private static long requestedSamples(int index) {
        return 441L * (15 + (index * 7) % 11);
    }

    @Test
    void threeHundredFilesDecodeToTheirExactTotalWithChaptersAtTheirTrueStarts() throws Exception {
        long[] samples = new long[FILES];
        NotifyBuilder done = booksDone(1);
        drop("Many Parts", folder -> {
            Path[] files = new Path[FILES];
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> made = new ArrayList<>();
                for (int i = 0; i < FILES; i++) {
                    int index = i;
                    made.add(pool.submit(() -> files[index] = AUDIO.mp3(
                        folder.resolve(String.format("%03d - Part %d.mp3", index + 1, index + 1)),
                        requestedSamples(index) / (double) RATE, RATE, 1, tags("album", "Many Parts", "artist", "Some Author"))));
                }
                for (Future<?> f : made) {
                    f.get();
                }
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            } finally {
                pool.shutdownNow();
            }
            // the truth is what a player decodes from a source. The mp3 decoder trims the encoder's delay and
            // padding, but not always to the sample asked for (0.34 s decodes 38 samples longer), and the result
            // depends on the length only: decode one source of each length and take that for all of that length
            Map<Long, Long> decodedByLength = new HashMap<>();
            for (int i = 0; i < FILES; i++) {
                Path file = files[i];
                samples[i] = decodedByLength.computeIfAbsent(requestedSamples(i), length -> INSPECT.decodedSamples(file));
            }
        });
        for (int i = 0; i < FILES; i++) {
            assertThat(samples[i]).as("decoded length of source %d", i + 1).isCloseTo(requestedSamples(i), within(64L));
        }
        awaitBooks(done);

        Path bookFolder = converted().resolve("Many Parts");
        Path output = bookFolder.resolve("Many Parts.m4b");
        assertThat(output).exists();
        JsonNode manifest = OutputChecks.manifest(bookFolder);
        assertThat(manifest.path("mode").asText()).isEqualTo("encode");
        assertThat(manifest.path("sources")).hasSize(FILES);

        long total = java.util.Arrays.stream(samples).sum();
        assertThat(INSPECT.decodedSamples(output)).as("decoded samples of the whole book")
            .isBetween(total - FRAME, total + FRAME);

        M4bFacts facts = INSPECT.inspect(output);
        assertThat(facts.sampleRate()).isEqualTo(RATE);
        List<ChapterFact> chapters = facts.chapters();
        assertThat(chapters).hasSize(FILES);
        assertThat(chapters.get(0).title()).isEqualTo("Part 1");
        assertThat(chapters.get(FILES - 1).title()).isEqualTo("Part " + FILES);
        long position = 0;
        for (int i = 0; i < FILES; i++) {
            assertThat(chapters.get(i).start()).as("start of chapter %d", i + 1)
                .isCloseTo(position / (double) RATE, within((double) FRAME / RATE));
            position += samples[i];
        }
        assertThat(chapters.get(FILES - 1).end()).as("end of the last chapter").isCloseTo(total / (double) RATE,
            within((double) FRAME / RATE));
    }
}
