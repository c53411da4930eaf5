package org.automb.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-JVM count must give, sample for sample, what the ffmpeg executable decodes from the same file. */
class SampleCounterTest {

    private static final TestAudio AUDIO = TestAudio.bundled();
    private static LibavProbe probe;
    private final SampleCounter counter = new SampleCounter();
    private final ProbeParser parser = new ProbeParser();

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        probe = LibavProbe.load().orElseThrow(() -> new AssertionError("the bundled libraries do not load"));
    }

    @Test
    void countsWhatFfmpegDecodes() throws Exception {
        List<Path> files = List.of(
            AUDIO.mp3(dir.resolve("gapless.mp3"), 3.217, 44100, 1, Map.of()),
            AUDIO.mp3WithCover(dir.resolve("cover.mp3"), 2.05, Map.of()),
            AUDIO.aac(dir.resolve("part.m4a"), 2.5, 22050, 2, Map.of()),
            AUDIO.flac(dir.resolve("lossless.flac"), 1.7, 48000, 2, Map.of()),
            AUDIO.opus(dir.resolve("speech.opus"), 1.3, Map.of()));
        for (Path file : files) {
            AudioSource source = parser.parse(file, Files.size(file), probe.probe(file));

            SampleCounter.Count count = counter.count(source);

            assertThat(count.samples()).as(file.getFileName().toString()).isEqualTo(ffmpegDecodedSamples(source));
            assertThat(count.sampleRate()).isEqualTo(source.sampleRate());
            assertThat(count.failedPackets()).isZero();
        }
    }

    @Test
    void namesAFileThatIsNotAudio() throws Exception {
        Path notAudio = Files.writeString(dir.resolve("notes.mp3"), "only text\n".repeat(100));
        AudioSource source = new AudioSource(notAudio, Files.size(notAudio), "mp3", "", 44100, 1, 64000, 1.0, 0, -1, Map.of());

        assertThatThrownBy(() -> counter.count(source))
            .isInstanceOf(SampleCounter.Undecodable.class)
            .hasMessageContaining("notes.mp3");
    }

    private long ffmpegDecodedSamples(AudioSource source) throws Exception {
        Process process = new ProcessBuilder(AUDIO.tools().ffmpegCommand(List.of("-v", "error", "-i",
            source.file().toString(), "-map", "0:a:0", "-f", "s16le", "-c:a", "pcm_s16le", "pipe:1")))
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long bytes = process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return bytes / 2 / source.channels();
    }
}
