package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.media.mp4.EditListFiles;
import org.automb.testing.GstDecode;
import org.automb.testing.PipelineTestSupport;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;

/**
 * Every path of the in-JVM encoder and the joiner delivers a book that plays to its end in GStreamer (qtdemux,
 * which honours only an edit list's first entry) as in ffmpeg, to the sources' length within one AAC frame per
 * join, each chapter on its source's true start: encoded in one piece, encoded in segments at once, AAC parts
 * joined, and a user's own m4b passed through (delivered as it is, with a warning when GStreamer would cut it).
 */
class EveryPlayerTest extends PipelineTestSupport {

    private static final int RATE = 44100;

    @Override
    protected Map<String, String> settings() {
        return Map.of("CPU_CORES", "2", "ENCODER", "libav");
    }

    @Test
    void aBookEncodedInOnePiecePlaysToItsEnd() throws Exception {
        Path output = convert("One Piece", new double[] {2.3, 1.7, 2.9}, TestAudio.MP3, ".mp3", "encode");
        assertThat(OutputChecks.manifest(output.getParent()).path("audio").path("segmentStarts").size())
            .as("encoded in one piece").isLessThanOrEqualTo(1);
    }

    @Test
    void aBookEncodedInSegmentsPlaysToItsEnd() throws Exception {
        // long enough for two segments (SegmentPlanner: at least 8 Mi samples each), as short as that allows
        Path output = convert("Two Segments", new double[] {130.1, 129.7, 130.3}, TestAudio.MP3, ".mp3", "encode");
        assertThat(OutputChecks.manifest(output.getParent()).path("audio").path("segmentStarts"))
            .as("encoded in segments at once").hasSize(2);
    }

    @Test
    void aBookOfAacPartsJoinedPlaysToItsEnd() throws Exception {
        convert("Aac Parts", new double[] {1.1, 0.73, 1.37, 0.91}, TestAudio.AAC, ".m4a", "stream_copy");
    }

    @Test
    void aUsersOwnM4bIsDeliveredAsItIsAndWarnedAboutWhenGstreamerWouldCutItShort() throws Exception {
        Path staged = staging().resolve("own");
        Path whole = AUDIO.findable(staged.resolve("Whole.m4b"), 3.1, RATE, 2, TestAudio.AAC, tags("album", "Whole"));
        Path plain = AUDIO.findable(staged.resolve("plain.m4b"), 4.0, RATE, 2, TestAudio.AAC, tags("album", "Split"));
        Path split = EditListFiles.splitInTwo(plain, staged.resolve("Split.m4b"));
        List<short[]> wholeAlone = PlayedBooks.sourcesAlone(List.of(whole), RATE);
        NotifyBuilder done = booksDone(2);
        drop("Whole", folder -> copy(whole, folder));
        drop("Split", folder -> copy(split, folder));
        awaitBooks(done);

        Path wholeOut = converted().resolve("Whole/Whole.m4b");
        // its audio as it is (the tag rules every book gets may add a title: docs/tagging.md)
        assertThat(INSPECT.audioPacketsMd5(wholeOut)).isEqualTo(INSPECT.audioPacketsMd5(whole));
        assertThat(OutputChecks.manifest(wholeOut.getParent()).path("warnings").isMissingNode()).isTrue();
        PlayedBooks.assertPlaysCompletely(wholeOut, wholeAlone, RATE);

        Path splitOut = converted().resolve("Split/Split.m4b");
        assertThat(INSPECT.audioPacketsMd5(splitOut)).as("its audio delivered as it is")
            .isEqualTo(INSPECT.audioPacketsMd5(split));
        JsonNode warnings = OutputChecks.manifest(splitOut.getParent()).path("warnings");
        assertThat(warnings).as("intake.json warns that GStreamer plays only part of it").hasSize(1);
        assertThat(warnings.get(0).asText()).contains("Split.m4b", "2 entries", "GStreamer");
        assertThat(GstDecode.mono(splitOut).length).as("what the warning is about: GStreamer plays half")
            .isLessThan(3 * RATE);
    }

    /** Converts a book of findable sources of {@code seconds}; asserts its mode and that both players play it whole. */
    private Path convert(String name, double[] seconds, List<String> codec, String extension, String mode) throws Exception {
        Path staged = staging().resolve(name + "-sources");
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i < seconds.length; i++) {
            sources.add(AUDIO.findable(staged.resolve(String.format("%02d - Part %d%s", i + 1, i + 1, extension)), seconds[i],
                RATE, 1, codec, tags("title", "Part " + (i + 1), "album", name, "artist", "Ann Author")));
        }
        List<short[]> alone = PlayedBooks.sourcesAlone(sources, RATE);
        NotifyBuilder done = booksDone(1);
        drop(name, folder -> sources.forEach(source -> copy(source, folder)));
        awaitBooks(done);

        Path output = converted().resolve(name).resolve(name + ".m4b");
        assertThat(output).as("the book was converted (see the log otherwise)").exists();
        assertThat(OutputChecks.manifest(output.getParent()).path("mode").asText()).isEqualTo(mode);
        PlayedBooks.assertPlaysCompletely(output, alone, RATE);
        return output;
    }

    static void copy(Path source, Path folder) {
        try {
            Files.copy(source, folder.resolve(source.getFileName()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
