package org.automb.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.testing.M4bInspector.ChapterFact;
import org.automb.testing.M4bInspector.M4bFacts;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * MAX_CHAPTER_LENGTH through the real routes: a single long file (one chapter) leaves with chapters no longer than
 * the maximum, each split inside a real pause (not a short gap), found on the loudness the encoder measured.
 */
class LongChaptersInTheServiceTest extends PipelineTestSupport {

    private static final double SECONDS = 360;
    private static final double[][] PAUSES = {{150, 152}, {290, 292.5}};
    /** Too short to be a pause a listener would hear as one: never split at. */
    private static final double[][] SHORT_GAPS = {{130, 130.3}, {160, 160.25}};

    @Override
    protected Map<String, String> settings() {
        return Map.of("MAX_CHAPTER_LENGTH", "2,3");
    }

    @Test
    void aSixMinuteFileIsSplitAtItsPausesIntoChaptersOfAtMostThreeMinutes() throws Exception {
        NotifyBuilder done = booksDone(1);
        drop("One Long File", folder -> generate(folder.resolve("whole.mp3")));
        awaitBooks(done);

        Path output = converted().resolve("One Long File/One Long File.m4b");
        M4bFacts facts = INSPECT.inspect(output);
        List<ChapterFact> chapters = facts.chapters();
        assertThat(chapters).hasSize(3);
        for (int i = 1; i < chapters.size(); i++) {
            double split = chapters.get(i).start();
            double[] pause = PAUSES[i - 1];
            assertThat(split).as("split %d at %.3f s lies in the pause %.1f..%.1f s", i, split, pause[0], pause[1])
                .isBetween(pause[0] - 0.5, pause[1] + 0.5);
        }
        for (ChapterFact chapter : chapters) {
            assertThat(chapter.end() - chapter.start()).isLessThanOrEqualTo(180.0);
        }
        assertThat(facts.chapterTitles()).containsExactly("One Long File", "One Long File (2)", "One Long File (3)");
        assertThat(facts.durationSeconds()).isCloseTo(SECONDS, org.assertj.core.data.Offset.offset(0.1));
        JsonNode manifest = new ObjectMapper().readTree(output.resolveSibling("intake.json").toFile());
        assertThat(manifest.path("chapters")).hasSize(3);
        assertThat(manifest.path("output").path("chapterCount").asInt()).isEqualTo(3);
        assertThat(manifest.path("state").asText()).isEqualTo("converted");
    }

    /** Noise with a tremolo (speech-like levels), silent in the pauses and the short gaps; 8 kHz mono to stay quick. */
    private static void generate(Path mp3) {
        StringBuilder filter = new StringBuilder("tremolo=f=2.5:d=0.5");
        List<double[]> silent = new ArrayList<>(List.of(PAUSES));
        silent.addAll(List.of(SHORT_GAPS));
        for (double[] s : silent) {
            filter.append(String.format(Locale.ROOT, ",volume=0:enable='between(t,%.3f,%.3f)'", s[0], s[1]));
        }
        List<String> args = List.of("-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", String.format(Locale.ROOT,
                "anoisesrc=color=white:amplitude=0.3:seed=7:sample_rate=8000:duration=%.1f", SECONDS),
            "-af", filter.toString(), "-ac", "1", "-c:a", "libmp3lame", "-b:a", "16k",
            "-metadata", "title=One Long File", mp3.toString());
        try {
            Process process = new ProcessBuilder(AUDIO.tools().ffmpegCommand(args)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor()).as(output).isZero();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
