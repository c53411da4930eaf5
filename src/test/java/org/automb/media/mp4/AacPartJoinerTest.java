package org.automb.media.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.automb.testing.PlayerCheck;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which parts the joiner takes, read from files the bundled ffmpeg writes; the rest keep ffmpeg's concat join. */
class AacPartJoinerTest {

    private static final TestAudio AUDIO = TestAudio.bundled();

    @TempDir
    Path dir;

    @Test
    void partsOfOneEncoderSetupAreTakenWithTheirPrimingAndFrames() throws Exception {
        Path a = AUDIO.aac(dir.resolve("a.m4a"), 1.1, 44100, 2, java.util.Map.of());
        Path b = AUDIO.aac(dir.resolve("b.m4a"), 0.5, 44100, 2, java.util.Map.of());

        AacPartJoiner.JoinableParts parts = AacPartJoiner.inspect(List.of(a, b));

        assertThat(parts.timescale()).isEqualTo(44100);
        PartTiming first = parts.parts().get(0).timing();
        assertThat(first.priming()).isEqualTo(1024);
        assertThat(first.frame()).isEqualTo(1024);
        assertThat(first.mediaDuration()).as("priming + the audio, the last frame cut").isEqualTo(1024 + 48510);
        assertThat(parts.timeline().presentedStarts()).as("part 2 starts after part 1's frames and its own priming")
            .containsExactly(0L, first.samples() * 1024);
    }

    @Test
    void rawAdtsStreamsAreLeftToFfmpeg() throws Exception {
        Path raw = ffmpeg(dir.resolve("raw.aac"), "-c:a", "aac", "-b:a", "64k", "-f", "adts");
        assertThatThrownBy(() -> AacPartJoiner.inspect(List.of(raw))).isInstanceOf(NotJoinableException.class)
            .hasMessageContaining("part 1 (raw.aac)").hasMessageContaining("not an MP4 file");
    }

    @Test
    void fragmentedFilesAreLeftToFfmpeg() throws Exception {
        Path fragmented = ffmpeg(dir.resolve("frag.m4a"), "-c:a", "aac", "-b:a", "64k", "-movflags",
            "frag_keyframe+empty_moov", "-f", "mp4");
        assertThatThrownBy(() -> AacPartJoiner.inspect(List.of(fragmented))).isInstanceOf(NotJoinableException.class)
            .hasMessageContaining("fragmented");
    }

    @Test
    void partsWhoseCodecSetupDiffersAreLeftToFfmpeg() throws Exception {
        Path stereo = AUDIO.aac(dir.resolve("stereo.m4a"), 0.5, 44100, 2, java.util.Map.of());
        Path mono = AUDIO.aac(dir.resolve("mono.m4a"), 0.5, 44100, 1, java.util.Map.of());
        Path slower = AUDIO.aac(dir.resolve("slow.m4a"), 0.5, 22050, 2, java.util.Map.of());

        assertThatThrownBy(() -> AacPartJoiner.inspect(List.of(stereo, mono))).isInstanceOf(NotJoinableException.class)
            .hasMessageContaining("part 2 (mono.m4a): another codec setup");
        assertThatThrownBy(() -> AacPartJoiner.inspect(List.of(stereo, slower))).isInstanceOf(NotJoinableException.class)
            .hasMessageContaining("another timescale");
    }

    @Test
    void bitRatesThatDifferFromFileToFileDoNotMatter() throws Exception {
        // ffmpeg writes each file's own average bit rate into its esds: a tone and silence differ
        Path tone = AUDIO.aac(dir.resolve("tone.m4a"), 1.0, 44100, 2, java.util.Map.of());
        Path quiet = ffmpeg(dir.resolve("quiet.m4a"), "-c:a", "aac", "-b:a", "64k", "-af", "volume=0", "-f", "ipod");
        assertThat(AacPartJoiner.inspect(List.of(tone, quiet)).parts()).hasSize(2);
    }

    @Test
    void partsReadSideBySideAreTheSameAndTheRefusalNamesItsPart() throws Exception {
        Path a = AUDIO.aac(dir.resolve("a.m4a"), 1.1, 44100, 2, java.util.Map.of());
        Path b = AUDIO.aac(dir.resolve("b.m4a"), 0.5, 44100, 2, java.util.Map.of());
        Path mono = AUDIO.aac(dir.resolve("mono.m4a"), 0.5, 44100, 1, java.util.Map.of());
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            AacPartJoiner.JoinableParts together = AacPartJoiner.inspect(List.of(a, b, a), readers);

            assertThat(together.timeline()).isEqualTo(AacPartJoiner.inspect(List.of(a, b, a)).timeline());
            assertThat(together.parts()).extracting(AudioPart::file).containsExactly(a, b, a);
            assertThatThrownBy(() -> AacPartJoiner.inspect(List.of(a, b, mono), readers))
                .isInstanceOf(NotJoinableException.class).hasMessageContaining("part 3 (mono.m4a)");
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void theJoinerSaysHowMuchItHasWrittenAsItGoes() throws Exception {
        Path a = AUDIO.aac(dir.resolve("a.m4a"), 3.0, 44100, 2, java.util.Map.of());
        Path b = AUDIO.aac(dir.resolve("b.m4a"), 2.0, 44100, 2, java.util.Map.of());
        Path shell = ffmpeg(dir.resolve("shell.m4b"), "-t", "0.046", "-c:a", "aac", "-movie_timescale", "44100", "-f", "ipod");
        List<Long> reports = new ArrayList<>();
        Path output = dir.resolve("output.m4b");

        AacPartJoiner.join(shell, AacPartJoiner.inspect(List.of(a, b)), output, reports::add);

        assertThat(reports).as("the head, then after each copy").hasSizeGreaterThan(2).isSorted();
        assertThat(reports.get(reports.size() - 1)).isEqualTo(java.nio.file.Files.size(output));
    }

    @Test
    void joinedPartsPlayToTheEndInGstreamerAndFfmpegWithEachPartWhereItsChapterGoes() throws Exception {
        List<Path> files = new ArrayList<>();
        double[] seconds = {1.1, 0.73, 1.37, 0.91};
        for (int i = 0; i < seconds.length; i++) {
            files.add(AUDIO.findable(dir.resolve("p" + i + ".m4a"), seconds[i], 44100, 2, TestAudio.AAC, java.util.Map.of()));
        }
        Path shell = ffmpeg(dir.resolve("shell.m4b"), "-t", "0.046", "-c:a", "aac", "-movie_timescale", "44100", "-f", "ipod");
        Path output = dir.resolve("output.m4b");
        AacPartJoiner.JoinableParts parts = AacPartJoiner.inspect(files);

        AacPartJoiner.join(shell, parts, output);

        AudioEditList edits = AudioEditList.read(output).orElseThrow();
        assertThat(edits.edits().edits()).as("one entry, skipping part 1's priming")
            .containsExactly(new EditList.Edit(parts.timeline().presentedDuration(), 1024, EditList.NORMAL_RATE));
        PlayerCheck players = new PlayerCheck(AUDIO.tools());
        List<Double> marks = parts.timeline().presentedStarts().stream().map(start -> start / 44100.0).toList();
        players.assertPlaysCompletely(output, players.sourcesAlone(files, 44100), marks, 44100);
    }

    /** A 1 s stereo sine at 44.1 kHz written with {@code output} options. */
    private static Path ffmpeg(Path file, String... output) throws Exception {
        List<String> args = new ArrayList<>(List.of("-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
            "sine=frequency=440:duration=1:sample_rate=44100", "-ac", "2"));
        args.addAll(List.of(output));
        args.add(file.toString());
        Process process = new ProcessBuilder(AUDIO.tools().ffmpegCommand(args)).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(said).isZero();
        return file;
    }
}
