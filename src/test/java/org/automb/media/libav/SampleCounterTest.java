package org.automb.media.libav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.automb.media.AudioSource;
import org.automb.plan.SourceFixtures;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-JVM count must give, sample for sample, what the ffmpeg executable decodes from the same file. */
class SampleCounterTest {

    private static final TestAudio AUDIO = TestAudio.bundled();
    private final SampleCounter counter = new SampleCounter();

    @TempDir
    Path dir;

    @Test
    void countsWhatFfmpegDecodes() throws Exception {
        List<Path> files = List.of(
            AUDIO.mp3(dir.resolve("gapless.mp3"), 3.217, 44100, 1, Map.of()),
            AUDIO.mp3WithCover(dir.resolve("cover.mp3"), 2.05, Map.of()),
            AUDIO.aac(dir.resolve("part.m4a"), 2.5, 22050, 2, Map.of()),
            AUDIO.flac(dir.resolve("lossless.flac"), 1.7, 48000, 2, Map.of()),
            AUDIO.opus(dir.resolve("speech.opus"), 1.3, Map.of()));
        for (Path file : files) {
            AudioSource source = SourceFixtures.probed(file);

            SampleCounter.Count count = counter.count(source);

            assertThat(count.samples()).as(file.getFileName().toString()).isEqualTo(ffmpegDecodedSamples(source));
            assertThat(count.sampleRate()).isEqualTo(source.sampleRate());
            assertThat(count.failedPackets()).isZero();
        }
    }

    @Test
    void countingMp3FramesGivesWhatFfmpegDecodes() throws Exception {
        List<Path> files = List.of(
            AUDIO.mp3(dir.resolve("mono-44k.mp3"), 3.217, 44100, 1, Map.of()),
            AUDIO.mp3(dir.resolve("mpeg2-22k.mp3"), 2.71, 22050, 1, Map.of()),
            AUDIO.mp3(dir.resolve("stereo-48k.mp3"), 1.93, 48000, 2, Map.of()),
            AUDIO.mp3(dir.resolve("mpeg25-8k.mp3"), 2.3, 8000, 1, Map.of()),
            AUDIO.mp3WithCover(dir.resolve("cover.mp3"), 2.05, Map.of()),
            mp3(dir.resolve("vbr.mp3"), "-q:a", "4"),
            mp3(dir.resolve("no-lame-header.mp3"), "-b:a", "64k", "-write_xing", "0"),
            mp3(dir.resolve("id3v1.mp3"), "-b:a", "96k", "-write_id3v1", "1", "-metadata", "title=T"));
        for (Path file : files) {
            AudioSource source = SourceFixtures.probed(file);

            SampleCounter.Count count = counter.countFrames(source);

            assertThat(count.samples()).as(file.getFileName().toString()).isEqualTo(ffmpegDecodedSamples(source));
            assertThat(count.sampleRate()).isEqualTo(source.sampleRate());
        }
    }

    @Test
    void anEncodedBookDeclaresTheSamplesItsEncoderReceived() throws Exception {
        Path m4a = AUDIO.aac(dir.resolve("book.m4a"), 2.5, 44100, 1, Map.of());

        assertThat(counter.declaredSamples(m4a)).isEqualTo(110250);
    }

    @Test
    void namesAFileThatIsNotAudio() throws Exception {
        Path notAudio = Files.writeString(dir.resolve("notes.mp3"), "only text\n".repeat(100));
        AudioSource source = new AudioSource(notAudio, Files.size(notAudio), "mp3", "", 44100, 1, 64000, 1.0, 0, -1, Map.of());

        assertThatThrownBy(() -> counter.count(source))
            .isInstanceOf(SampleCounter.Undecodable.class)
            .hasMessageContaining("notes.mp3");
    }

    /** A 3.4 s MP3 made with the given encoder options. */
    private Path mp3(Path file, String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("-v", "error", "-f", "lavfi", "-i",
            "sine=frequency=330:sample_rate=44100:duration=3.4", "-c:a", "libmp3lame"));
        args.addAll(List.of(options));
        args.addAll(List.of("-y", file.toString()));
        Process process = new ProcessBuilder(AUDIO.tools().ffmpegCommand(args)).inheritIO().start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return file;
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
