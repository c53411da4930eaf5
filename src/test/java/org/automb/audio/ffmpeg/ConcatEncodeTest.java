package org.automb.audio.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.automb.media.AudioSource;
import org.automb.media.libav.SampleCounter;
import org.automb.plan.SourceFixtures;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MP3 sources are counted from their frame lengths, and the count is trusted only when it adds up to what the
 * encoder received; otherwise every source is decoded and counted again.
 */
class ConcatEncodeTest {

    private static final TestAudio AUDIO = TestAudio.bundled();
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final SampleCounter counter = new SampleCounter();
    private final ConcatEncode encode = new ConcatEncode(counter, pool);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void mp3SourcesAreCountedFromTheirFramesAndOthersByDecoding() throws Exception {
        List<AudioSource> mp3s = List.of(source(AUDIO.mp3(dir.resolve("1.mp3"), 2.3, 44100, 1, Map.of())),
            source(AUDIO.mp3(dir.resolve("2.mp3"), 1.7, 44100, 1, Map.of())));
        List<AudioSource> flacs = List.of(source(AUDIO.flac(dir.resolve("1.flac"), 1.2, 44100, 1, Map.of())));

        ConcatEncode.SampleCounts fromFrames = encode.countSamples("book", mp3s).get(60, TimeUnit.SECONDS);
        ConcatEncode.SampleCounts decoded = encode.countSamples("book", flacs).get(60, TimeUnit.SECONDS);

        assertThat(fromFrames.fromFrameLengths()).isTrue();
        assertThat(fromFrames.samples()).containsExactly(counter.count(mp3s.get(0)).samples(), counter.count(mp3s.get(1)).samples());
        assertThat(decoded.fromFrameLengths()).isFalse();
        assertThat(decoded.samples()).containsExactly(counter.count(flacs.get(0)).samples());
    }

    @Test
    void aFrameCountTheEncoderDisagreesWithIsReplacedByADecodedCount() throws Exception {
        AudioSource mp3 = source(AUDIO.mp3(dir.resolve("1.mp3"), 2.3, 44100, 1, Map.of()));
        long decoded = counter.count(mp3).samples();
        Path encoded = encodeAsTheBookIs(mp3);
        ConcatEncode.SampleCounts right = new ConcatEncode.SampleCounts(List.of(decoded), true);
        // as if a damaged frame had been dropped by the decoder but counted by its length
        ConcatEncode.SampleCounts wrong = new ConcatEncode.SampleCounts(List.of(decoded + 1152), true);

        assertThat(encode.confirmed("book", List.of(mp3), right, encoded)).isSameAs(right);
        ConcatEncode.SampleCounts recounted = encode.confirmed("book", List.of(mp3), wrong, encoded);
        assertThat(recounted.fromFrameLengths()).isFalse();
        assertThat(recounted.samples()).containsExactly(decoded);
    }

    private AudioSource source(Path file) throws Exception {
        return SourceFixtures.probed(file);
    }

    /** The source through the encoder's own command line (numbered samples, native AAC). */
    private Path encodeAsTheBookIs(AudioSource source) throws Exception {
        Path out = dir.resolve("audio.m4a");
        Process process = new ProcessBuilder(AUDIO.tools().ffmpegCommand(List.of("-v", "error", "-i",
            source.file().toString(), "-map", "0:a:0", "-af", "asetpts=N/SR/TB", "-c:a", "aac", "-b:a", "64k",
            "-y", out.toString()))).inheritIO().start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return out;
    }
}
