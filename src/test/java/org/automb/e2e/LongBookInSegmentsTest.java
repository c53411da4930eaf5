package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.testing.M4bInspector.ChapterFact;
import org.automb.testing.M4bInspector.M4bFacts;
import org.automb.testing.M4bInspector;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * With two encoders free, a long book is encoded in two segments at once and joined: the user gets one book of the
 * sources' exact length, each chapter on its file's first sample, and no click where the segments meet.
 */
class LongBookInSegmentsTest extends PipelineTestSupport {

    private static final int RATE = 44100;
    private static final int FRAME = 1024;
    private static final double[] SECONDS = {131.3, 127.9, 135.1};

    @Override
    protected Map<String, String> settings() {
        return Map.of("CPU_CORES", "2", "ENCODER", "libav");
    }

    @Test
    void aLongBookIsEncodedInTwoSegmentsAtOnceAndJoinedWithoutASeam() throws Exception {
        NotifyBuilder done = booksDone(1);
        List<Long> samples = new ArrayList<>();
        drop("Long Book", folder -> {
            for (int i = 0; i < SECONDS.length; i++) {
                Path file = AUDIO.mp3(folder.resolve(String.format("%02d.mp3", i + 1)), SECONDS[i], RATE, 1,
                    tags("title", "Part " + (i + 1), "album", "Long Book", "artist", "Some Author"));
                samples.add(INSPECT.decodedSamples(file));
            }
        });
        awaitBooks(done);

        Path bookFolder = converted().resolve("Long Book");
        Path output = bookFolder.resolve("Long Book.m4b");
        JsonNode manifest = OutputChecks.manifest(bookFolder);
        JsonNode starts = manifest.path("audio").path("segmentStarts");
        assertThat(starts).as("segments encoded at once").hasSize(2);
        long join = starts.get(1).asLong();
        assertThat(join % FRAME).as("the join is on the AAC frame grid").isZero();

        long total = samples.stream().mapToLong(Long::longValue).sum();
        float[] audio = INSPECT.decodedMono(output);
        assertThat((long) audio.length).as("decoded samples of the whole book").isBetween(total, total + FRAME);
        M4bFacts facts = INSPECT.inspect(output);
        List<ChapterFact> chapters = facts.chapters();
        assertThat(facts.chapterTitles()).containsExactly("Part 1", "Part 2", "Part 3");
        long position = 0;
        for (int i = 0; i < chapters.size(); i++) {
            assertThat(chapters.get(i).start()).as("start of chapter %d", i + 1)
                .isCloseTo(position / (double) RATE, within(0.001));
            position += samples.get(i);
        }

        float atJoin = M4bInspector.largestJump(audio, (int) join - FRAME, (int) join + FRAME);
        float elsewhere = Math.max(M4bInspector.largestJump(audio, 0, (int) join - FRAME), M4bInspector.largestJump(audio, (int) join + FRAME, audio.length));
        assertThat(atJoin).as("largest sample-to-sample jump where the segments meet, against the rest of the book")
            .isLessThanOrEqualTo(elsewhere);
    }

}
