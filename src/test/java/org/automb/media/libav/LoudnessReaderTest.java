package org.automb.media.libav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.automb.media.LoudnessEnvelope;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fallback reader measures only the stretch asked for, in the m4b's presented time, seeking to it. */
class LoudnessReaderTest {

    private static final TestAudio AUDIO = TestAudio.bundled();

    @TempDir
    Path dir;

    @Test
    void aStretchOfAnFfmpegM4bIsMeasuredWhereThePlayerShowsIt() throws Exception {
        // noise with silence from 40 to 42 s, as ffmpeg's AAC encoder writes it (priming cut by an edit list)
        Path m4b = dir.resolve("book.m4b");
        ffmpeg(List.of("-f", "lavfi", "-i", "anoisesrc=amplitude=0.3:sample_rate=22050:duration=60:seed=3",
            "-af", "volume=0:enable='between(t,40,42)'", "-c:a", "aac", "-b:a", "48k", "-f", "ipod", m4b.toString()));

        LoudnessEnvelope envelope = new LoudnessReader().read(m4b, 35_000, 45_000);

        assertThat(envelope.startMillis()).isEqualTo(35_000);
        assertThat(envelope.endMillis()).isEqualTo(45_000);
        assertThat(envelope.levelAt(34_900)).as("before the stretch: not read").isNaN();
        assertThat(envelope.levelAt(38_000)).isBetween(-20f, -5f);
        for (long t = 40_100; t < 41_900; t += 100) {
            assertThat(envelope.levelAt(t)).as("in the silence at %d ms", t).isLessThan(-60f);
        }
        assertThat(envelope.levelAt(39_800)).isGreaterThan(-20f);
        assertThat(envelope.levelAt(42_200)).isGreaterThan(-20f);

        LoudnessEnvelope start = new LoudnessReader().read(m4b, 0, 1000);
        assertThat(start.startMillis()).isZero();
        assertThat(start.levels()).hasSize(10);
        LoudnessEnvelope end = new LoudnessReader().read(m4b, 59_000, 61_000);
        assertThat(end.levelAt(59_950)).as("the file's last block, flushed from the decoder").isBetween(-20f, -5f);
        assertThat(end.levelAt(60_050)).as("past the end").isNaN();
    }

    @Test
    void aFileThatCannotBeReadIsNamed() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.m4b"), "not audio");
        assertThatThrownBy(() -> new LoudnessReader().read(broken, 0, 1000)).isInstanceOf(IOException.class)
            .hasMessageContaining("broken.m4b");
    }

    private static void ffmpeg(List<String> args) throws Exception {
        List<String> full = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-v", "error", "-y"));
        full.addAll(args);
        Process process = new ProcessBuilder(AUDIO.tools().ffmpegCommand(full)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
