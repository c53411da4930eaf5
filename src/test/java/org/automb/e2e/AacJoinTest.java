package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.io.Sha256;
import org.automb.testing.M4bInspector.M4bFacts;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * AAC .m4a parts are joined by the MP4 joiner (route join-aac-parts) exactly: the book decodes to the parts'
 * audio played one after the other, to the sample, with one AAC frame between two parts (the later part's
 * priming, kept so that one edit-list entry presents the whole book: GStreamer's qtdemux plays only the first),
 * each chapter starts where its part's audio starts, and the book keeps its tags and cover. The truth is
 * ffmpeg's decode of each part alone (priming skipped, end padding kept).
 * The parts have no noise bands (see {@code TestAudio.aacWithoutNoiseBands}), so the comparison can be bit exact.
 */
class AacJoinTest extends PipelineTestSupport {

    private static final int FRAME = 1024;

    @Test
    void stereoPartsJoinExactly() throws Exception {
        assertJoinedExactly("Stereo Join", 44100, 2, new double[] {1.1, 0.73, 1.37, 0.91, 1.05});
    }

    @Test
    void monoPartsJoinExactly() throws Exception {
        assertJoinedExactly("Mono Join", 22050, 1, new double[] {0.97, 1.31, 0.59, 1.13, 0.77});
    }

    private void assertJoinedExactly(String name, int rate, int channels, double[] lengths) throws Exception {
        List<Path> parts = new ArrayList<>();
        NotifyBuilder done = booksDone(1);
        Path staged = staging().resolve(name + "-parts");
        for (int i = 0; i < lengths.length; i++) {
            parts.add(AUDIO.aacWithoutNoiseBands(staged.resolve(String.format("%02d - Part %d.m4a", i + 1, i + 1)), lengths[i], rate, channels,
                tags("title", "Part " + (i + 1), "album", name, "artist", "Ann Author")));
        }
        List<short[]> partsPcm = parts.stream().map(p -> OutputChecks.pcm(p, rate, null, null)).toList();
        drop(name, folder -> {
            for (Path part : parts) {
                Files.copy(part, folder.resolve(part.getFileName()));
            }
            AUDIO.image(folder.resolve("cover.jpg"), 300, 300);
        });
        awaitBooks(done);

        Path output = converted().resolve(name).resolve(name + ".m4b");
        assertThat(output).as("the book was converted (see the log otherwise)").exists();
        var manifest = OutputChecks.manifest(output.getParent());
        assertThat(manifest.path("mode").asText()).isEqualTo("stream_copy");
        assertThat(manifest.path("audio").path("path").asText()).isEqualTo("AAC_JOIN");
        // checksums computed while the book was joined (the output's behind the joiner) are the files' own
        assertThat(manifest.path("output").path("sha256").asText()).isEqualTo(Sha256.of(output));
        for (int i = 0; i < parts.size(); i++) {
            assertThat(manifest.path("sources").path(i).path("sha256").asText()).as("part %d's checksum", i + 1)
                .isEqualTo(Sha256.of(parts.get(i)));
        }
        assertThat(topLevelBoxes(output)).as("moov first, one mdat").containsExactly("ftyp", "moov", "mdat");
        assertThat(decodeErrors(output)).as("ffmpeg decodes it without a word").isEmpty();

        // the book decodes to the parts' audio played alone, sample for sample, each later part after its priming
        // frame, so every join sounds as the parts do
        short[] book = OutputChecks.pcm(output, rate, null, null);
        short[] expected = concat(partsPcm);
        assertThat(book.length).as("decoded samples: the parts' sum and one frame per join")
            .isEqualTo(expected.length + FRAME * (parts.size() - 1));
        List<Long> partStarts = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < parts.size(); i++) {
            short[] part = partsPcm.get(i);
            partStarts.add(at);
            assertThat(Arrays.mismatch(Arrays.copyOfRange(book, (int) at, (int) at + part.length), part))
                .as("first sample of part %d that differs from the part played alone", i + 1).isEqualTo(-1);
            at += part.length + FRAME;
        }

        M4bFacts facts = INSPECT.inspect(output);
        assertThat(facts.chapterTitles()).containsExactly("Part 1", "Part 2", "Part 3", "Part 4", "Part 5");
        for (int i = 0; i < parts.size(); i++) {
            // chapter times are whole milliseconds: the part's first sample, rounded down to one
            double millis = Math.floor(partStarts.get(i) * 1000.0 / rate) / 1000;
            assertThat(facts.chapters().get(i).start()).as("chapter %d starts where part %d does", i + 1, i + 1)
                .isCloseTo(millis, within(1.0 / rate));
        }
        assertThat(facts.tags()).containsEntry("title", name).containsEntry("artist", "Ann Author");
        assertThat(facts.hasCover()).isTrue();
        assertThat(OutputChecks.picture(output)).isEqualTo(new OutputChecks.Picture("mjpeg", 300, 300));

        // the stated duration ends where the last part's audio ends (its own edit list trims its final padding)
        long lastAudio = Math.round(lengths[lengths.length - 1] * rate);
        double presented = (book.length - partsPcm.get(parts.size() - 1).length + lastAudio) / (double) rate;
        assertThat(OutputChecks.audioDuration(output)).as("audio track duration").isCloseTo(presented, within(1.0 / rate));
        assertThat(facts.durationSeconds()).as("book duration").isCloseTo(presented, within(0.001));
    }

    private static short[] concat(List<short[]> parts) {
        short[] all = new short[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** The types of the file's top-level boxes, in order. */
    private static List<String> topLevelBoxes(Path file) throws IOException {
        List<String> types = new ArrayList<>();
        long size = Files.size(file);
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            long offset = 0;
            while (offset < size) {
                long boxSize = Integer.toUnsignedLong(in.readInt());
                byte[] type = in.readNBytes(4);
                long header = 8;
                if (boxSize == 1) {
                    boxSize = in.readLong();
                    header = 16;
                }
                types.add(new String(type, StandardCharsets.ISO_8859_1));
                in.skipNBytes(boxSize - header);
                offset += boxSize;
            }
        }
        return types;
    }

    /** What {@code ffmpeg -v error} says while decoding the whole file. */
    private static String decodeErrors(Path file) throws Exception {
        Process process = new ProcessBuilder(OutputChecks.TOOLS.ffmpegCommand(List.of("-nostdin", "-v", "error", "-i",
            file.toString(), "-f", "null", "-"))).redirectErrorStream(true).start();
        String said;
        try (InputStream in = process.getInputStream()) {
            said = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return said.strip();
    }
}
