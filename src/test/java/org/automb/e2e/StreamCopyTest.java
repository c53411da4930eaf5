package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.e2e.OutputChecks.Tone;
import org.automb.testing.M4bInspector.M4bFacts;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * AAC parts of one format are joined without re-encoding. Each chapter starts at its part's first sample, both
 * in the audio played from the start and for a player that seeks to the chapter by time; the book's timeline
 * (its stated duration) matches the audio. AAC parts that differ are encoded instead.
 *
 * <p>Every part is a short tone then silence, so where a part starts can be measured in the output: its tone
 * must begin as far after the part's chapter mark as it begins after the start of the part played alone.
 */
class StreamCopyTest extends PipelineTestSupport {

    private static final int RATE = 44100;
    private static final double TONE = 0.3;
    private static final int FRAME = 1024;
    private static final int TONE_SAMPLES = (int) Math.round(TONE * RATE);

    @Test
    void compatibleAacPartsAreJoinedWithoutReEncodingAndChaptersMarkWherePartsStart() throws Exception {
        double[] lengths = {1.1, 1.23, 1.36, 0.97, 1.05};
        List<Integer> onsets = new ArrayList<>();
        List<Long> decoded = new ArrayList<>();
        NotifyBuilder done = booksDone(1);
        drop("Ann Author - Joined Book", folder -> {
            for (int i = 0; i < lengths.length; i++) {
                Path part = OutputChecks.aacToneThenSilence(folder.resolve(String.format("%02d - Part %d.m4a", i + 1, i + 1)),
                    TONE, lengths[i], RATE, 2, tags("title", "Part " + (i + 1), "album", "Joined Book", "artist", "Ann Author"));
                onsets.add(onsetWhenPlayedAlone(part));
                decoded.add(INSPECT.decodedSamples(part));
            }
        });
        awaitBooks(done);

        Path bookFolder = converted().resolve("Ann Author - Joined Book");
        Path output = bookFolder.resolve("Ann Author - Joined Book.m4b");
        assertThat(output).exists();
        JsonNode manifest = OutputChecks.manifest(bookFolder);
        assertThat(manifest.path("mode").asText()).isEqualTo("stream_copy");
        assertThat(manifest.path("audio").path("path").asText()).isEqualTo("AAC_JOIN");
        assertThat(manifest.path("audio").path("sampleRate").asInt()).isEqualTo(RATE);
        assertThat(manifest.path("audio").path("channels").asInt()).isEqualTo(2);

        M4bFacts facts = INSPECT.inspect(output);
        assertThat(facts.codec()).isEqualTo("aac");
        assertThat(facts.sampleRate()).isEqualTo(RATE);
        assertThat(facts.channels()).isEqualTo(2);
        assertThat(facts.chapterTitles()).containsExactly("Part 1", "Part 2", "Part 3", "Part 4", "Part 5");
        assertThat(facts.tags()).containsEntry("title", "Joined Book").containsEntry("artist", "Ann Author");
        // the MP4 joiner's join is exact: chapter times are whole milliseconds, so a mark is within one of its part
        assertPartsStartAtTheirChapters(output, facts, onsets, RATE / 1000 + 1);
        // ... and each tone is where the parts played alone put it, to the sample, each later part after its own
        // priming frame (kept: one edit-list entry presents the whole book)
        List<Tone> tones = OutputChecks.tones(OutputChecks.pcm(output, RATE, null, null), 4000);
        long partStart = 0;
        for (int i = 0; i < onsets.size(); i++) {
            assertThat(tones.get(i).start()).as("tone of part %d", i + 1).isEqualTo(partStart + onsets.get(i));
            partStart += decoded.get(i) + FRAME;
        }
        // every part's end padding is kept but the last one's (as players play the parts alone)
        double lastPadding = (decoded.get(decoded.size() - 1) - Math.round(lengths[lengths.length - 1] * RATE)) / (double) RATE;
        assertThat(OutputChecks.audioDuration(output)).isCloseTo((partStart - FRAME) / (double) RATE - lastPadding,
            within(1.0 / RATE));
    }

    @Test
    void rawAacPartsAreJoinedWithChaptersWherePartsStart() throws Exception {
        double[] lengths = {1.1, 1.25, 0.95};
        List<Integer> onsets = new ArrayList<>();
        NotifyBuilder done = booksDone(1);
        drop("Raw Stream Book", folder -> {
            for (int i = 0; i < lengths.length; i++) {
                Path part = OutputChecks.aacToneThenSilence(folder.resolve(String.format("%02d - Raw %d.aac", i + 1, i + 1)),
                    TONE, lengths[i], RATE, 2, tags(), "adts");
                onsets.add(onsetWhenPlayedAlone(part)); // an ADTS stream declares no priming: it plays as audio
            }
        });
        awaitBooks(done);

        Path bookFolder = converted().resolve("Raw Stream Book");
        Path output = bookFolder.resolve("Raw Stream Book.m4b");
        assertThat(output).as("the book was converted (see the log otherwise)").exists();
        assertThat(OutputChecks.manifest(bookFolder).path("mode").asText()).isEqualTo("stream_copy");
        assertThat(OutputChecks.manifest(bookFolder).path("audio").path("path").asText()).as("raw ADTS: not for the joiner")
            .isEqualTo("FFMPEG_CONCAT_COPY");
        M4bFacts facts = INSPECT.inspect(output);
        assertThat(facts.chapterTitles()).containsExactly("Raw 1", "Raw 2", "Raw 3");
        assertPartsStartAtTheirChapters(output, facts, onsets, FRAME); // ffmpeg's concat join: within a frame
    }

    @Test
    void aacPartsThatDifferInFormatAreEncodedToOneExactStream() throws Exception {
        NotifyBuilder done = booksDone(1);
        long[] decoded = new long[2];
        drop("Mixed AAC", folder -> {
            Path a = AUDIO.aac(folder.resolve("01 - Stereo.m4a"), 1.2, 44100, 2, tags("title", "Stereo"));
            Path b = AUDIO.aac(folder.resolve("02 - Mono.m4a"), 0.9, 22050, 1, tags("title", "Mono"));
            decoded[0] = INSPECT.decodedSamples(a);
            decoded[1] = INSPECT.decodedSamples(b) * 2; // at the book's 44100 Hz
        });
        awaitBooks(done);

        Path bookFolder = converted().resolve("Mixed AAC");
        Path output = bookFolder.resolve("Mixed AAC.m4b");
        assertThat(OutputChecks.manifest(bookFolder).path("mode").asText()).isEqualTo("encode");
        assertThat(OutputChecks.manifest(bookFolder).path("audio").path("path").asText()).isEqualTo("JVM_SEGMENTS");
        M4bFacts facts = INSPECT.inspect(output);
        assertThat(facts.sampleRate()).isEqualTo(44100);
        assertThat(facts.channels()).isEqualTo(2);
        assertThat(facts.chapterTitles()).containsExactly("Stereo", "Mono");
        assertThat(facts.chapters().get(1).start()).isCloseTo(decoded[0] / 44100.0, within(FRAME / 44100.0));
        long expected = decoded[0] + decoded[1];
        assertThat(INSPECT.decodedSamples(output)).isBetween(expected - FRAME, expected + FRAME);
    }

    /** Where the tone starts when the part is played on its own, in samples. */
    private static int onsetWhenPlayedAlone(Path part) {
        List<Tone> tones = OutputChecks.tones(OutputChecks.pcm(part, RATE, null, null), 4000);
        assertThat(tones).as("tone of %s", part.getFileName()).hasSize(1);
        return tones.get(0).start();
    }

    /** Each part's tone is {@code tolerance} samples or less from where its chapter mark puts it. */
    private static void assertPartsStartAtTheirChapters(Path output, M4bFacts facts, List<Integer> onsets, int tolerance)
        throws Exception {
        assertThat(facts.chapters()).hasSize(onsets.size());
        assertThat(facts.chapters().get(0).start()).isZero();

        // the whole book played from the start: one whole tone per part, each where its chapter says
        short[] pcm = OutputChecks.pcm(output, RATE, null, null);
        List<Tone> tones = OutputChecks.tones(pcm, 4000);
        assertThat(tones).hasSize(onsets.size());
        for (int i = 0; i < onsets.size(); i++) {
            assertThat(tones.get(i).length()).as("tone of part %d is whole", i + 1).isCloseTo(TONE_SAMPLES, within(FRAME));
            if (i > 0) {
                double expected = facts.chapters().get(i).start() + onsets.get(i) / (double) RATE;
                assertThat(tones.get(i).start() / (double) RATE).as("part %d starts at its chapter mark", i + 1)
                    .isCloseTo(expected, within((double) tolerance / RATE));
            }
        }

        // the player's clock agrees with the audio: the audio track's stated duration is what plays
        assertThat(OutputChecks.audioDuration(output)).as("duration of the audio track")
            .isCloseTo(pcm.length / (double) RATE, within((double) FRAME / RATE));

        // jumping to a chapter as a player does (a seek by time) plays that part from its start
        for (int i = 1; i < onsets.size(); i++) {
            List<Tone> heard = OutputChecks.tones(OutputChecks.pcm(output, RATE, facts.chapters().get(i).start(), 0.6), 4000);
            assertThat(heard).as("tone heard after seeking to chapter %d", i + 1).isNotEmpty();
            assertThat(heard.get(0).start()).as("tone after seeking to chapter %d", i + 1)
                .isCloseTo(onsets.get(i), within(tolerance));
            assertThat(heard.get(0).length()).as("the whole tone of part %d is heard from its chapter", i + 1)
                .isCloseTo(TONE_SAMPLES, within(FRAME));
        }
    }
}
