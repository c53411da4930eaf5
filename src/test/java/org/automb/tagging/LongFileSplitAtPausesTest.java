package org.automb.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.automb.audio.ffmpeg.ConcatEncode;
import org.automb.audio.join.LibavShellWriter;
import org.automb.audio.libav.AacTarget;
import org.automb.audio.libav.EncodeControl;
import org.automb.audio.libav.SegmentPlanner;
import org.automb.audio.libav.SegmentedEncode;
import org.automb.audio.libav.SourceCounter;
import org.automb.media.AudioSource;
import org.automb.media.LoudnessEnvelope;
import org.automb.media.libav.LoudnessReader;
import org.automb.media.libav.SampleCounter;
import org.automb.media.mp4.AacPartJoiner;
import org.automb.plan.Chapter;
import org.automb.plan.SourceFixtures;
import org.automb.testing.M4bInspector;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof: a 70-minute single file, encoded by the in-JVM encoder (in two segments at once, as the
 * service does), is split with MAX_CHAPTER_LENGTH=15,30 at its pauses, found on the loudness measured while it was
 * encoded, and the chapters are written into the m4b: every split lies in a real pause (not in the decoys: a short
 * gap, a long quieter passage, pauses outside the search window), every chapter is at most 30 minutes, and the audio
 * is the same. The same split is found by the fallback reader on the m4b alone (a passthrough's case).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongFileSplitAtPausesTest {

    private static final TestAudio AUDIO = TestAudio.bundled();
    private static final M4bInspector INSPECT = new M4bInspector(AUDIO.tools());
    /** Low and mono to keep the test fast (the encode is the real one, whatever the rate). */
    private static final int RATE = 8000;
    private static final double SECONDS = 70 * 60;
    /** Real pauses (digital silence), in seconds. */
    private static final double[][] PAUSES = {{900 - 60, 902.5 - 60}, {1440, 1442.5}, {2160, 2162}, {2520, 2523}, {3600, 3602}};
    /** Decoys: a short gap, and a long passage only 30 dB down. */
    private static final double[][] SHORT_GAPS = {{1080, 1080.3}, {2400, 2400.25}};
    private static final double[][] QUIETER = {{1260, 1263.5}, {2700, 2704}};

    @TempDir
    static Path dir;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private Path m4b;
    private LoudnessEnvelope envelope;
    private long bookMillis;
    private Chapter whole;
    private long encodeMillis;

    @BeforeAll
    void encodeTheBook() throws Exception {
        Path mp3 = dir.resolve("long.mp3");
        long started = System.nanoTime();
        generate(mp3);
        long generated = System.nanoTime();
        AudioSource source = SourceFixtures.probed(mp3);
        SegmentedEncode encode = new SegmentedEncode(
            new SegmentPlanner(SegmentPlanner.PREROLL_FRAMES, 4, 8L * SegmentPlanner.PREROLL_FRAMES * SegmentPlanner.FRAME),
            SourceCounter.of(new ConcatEncode(new SampleCounter(), pool), 2), pool, 2);
        Path work = Files.createDirectories(dir.resolve("work"));
        SegmentedEncode.EncodedBook book = encode.encode("long", List.of(source), new AacTarget(RATE, 1, 16), work,
            new EncodeControl(600_000));
        long encoded = System.nanoTime();
        assertThat(book.segments()).as("encoded in segments at once, as the service does").hasSize(2);
        envelope = book.loudness();
        long samples = book.sourceSamples().get(0);
        bookMillis = samples * 1000 / RATE;
        whole = new Chapter(0, bookMillis, "Long Book");

        Path shell = work.resolve("shell.m4b");
        LibavShellWriter writer = LibavShellWriter.load().orElseThrow();
        writer.write(shell, book.head(), 2 * 1024 * 1_000_000L / RATE, Map.of("title", "Long Book", "artist", "A. Writer"),
            List.of(whole), Optional.empty(), RATE);
        m4b = dir.resolve("long.m4b");
        AacPartJoiner.join(shell, book.parts(RATE), m4b);
        encodeMillis = (encoded - generated) / 1_000_000;
        System.out.printf(Locale.ROOT, "generated in %d ms, encoded (envelope captured) in %d ms, joined in %d ms%n",
            (generated - started) / 1_000_000, encodeMillis, (System.nanoTime() - encoded) / 1_000_000);
    }

    @AfterAll
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void theEnvelopeMeasuredWhileEncodingCoversTheBookAndSeesThePauses() {
        assertThat(envelope.startMillis()).isZero();
        assertThat(envelope.endMillis()).isBetween(bookMillis, bookMillis + LoudnessEnvelope.BLOCK_MILLIS);
        for (double[] pause : PAUSES) {
            long middle = Math.round((pause[0] + pause[1]) / 2 * 1000);
            assertThat(envelope.levelAt(middle)).as("inside the pause at %s s", pause[0]).isLessThan(-80f);
        }
        assertThat(envelope.levelAt(600_000)).as("speech").isBetween(-40f, -5f);
        // the join between the two segments is measured like the rest
        for (long t = 0; t < bookMillis; t += LoudnessEnvelope.BLOCK_MILLIS) {
            assertThat(envelope.levelAt(t)).as("block at %d ms", t).isNotNaN();
        }
    }

    @Test
    void theLongFileIsSplitAtItsPausesAndTheChaptersAreWrittenIntoTheM4b() throws Exception {
        ChapterSplitter splitter = new ChapterSplitter(ChapterSplitter.Limits.parse("15,30"));
        List<Chapter> chapters = splitter.split(List.of(whole), envelope);
        System.out.println("split from the encoder's envelope: " + chapters);

        Path rewritten = dir.resolve("rewritten.m4b");
        long started = System.nanoTime();
        new ChapterRewriter(LibavShellWriter.load().orElseThrow()).rewrite(m4b, chapters, rewritten);
        System.out.printf(Locale.ROOT, "chapters rewritten in %d ms%n", (System.nanoTime() - started) / 1_000_000);

        M4bInspector.M4bFacts before = INSPECT.inspect(m4b);
        M4bInspector.M4bFacts after = INSPECT.inspect(rewritten);
        assertThat(after.chapters()).hasSize(chapters.size()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(after.chapterTitles()).startsWith("Long Book", "Long Book (2)", "Long Book (3)");
        assertSplitsInPauses(after.chapters().stream().skip(1).map(M4bInspector.ChapterFact::start).toList());
        assertThat(after.chapters()).allSatisfy(c -> assertThat(c.end() - c.start()).isLessThanOrEqualTo(30 * 60.0 + 0.001));
        assertThat(after.chapters().get(0).start()).isZero();
        assertThat(after.chapters().get(after.chapters().size() - 1).end()).isCloseTo(bookMillis / 1000.0,
            org.assertj.core.data.Offset.offset(0.002));
        assertThat(after.durationSeconds()).isEqualTo(before.durationSeconds());
        assertThat(after.tags()).containsEntry("title", "Long Book").containsEntry("artist", "A. Writer");
        assertThat(INSPECT.decodedSamples(rewritten)).as("the audio decodes to its end, sample for sample")
            .isEqualTo(INSPECT.decodedSamples(m4b));
        assertThat(INSPECT.audioPacketsMd5(rewritten)).as("the audio packets, bit for bit").isEqualTo(INSPECT.audioPacketsMd5(m4b));
    }

    @Test
    void theFallbackReaderFindsTheSamePausesInTheM4bAlone() {
        LoudnessReader reader = new LoudnessReader();
        ChapterSplitter splitter = new ChapterSplitter(ChapterSplitter.Limits.parse("15,30"));
        List<long[]> windows = new ArrayList<>();
        long started = System.nanoTime();
        List<Chapter> chapters = splitter.split(List.of(whole), (from, to) -> {
            windows.add(new long[] {from, to});
            try {
                return reader.read(m4b, from, to);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.printf(Locale.ROOT, "fallback: %d windows read from the m4b in %d ms%n", windows.size(),
            (System.nanoTime() - started) / 1_000_000);

        List<Chapter> fromEncode = splitter.split(List.of(whole), envelope);
        assertThat(chapters).hasSameSizeAs(fromEncode);
        assertSplitsInPauses(chapters.stream().skip(1).map(c -> c.startMillis() / 1000.0).toList());
        for (int i = 0; i < chapters.size(); i++) {
            assertThat(chapters.get(i).startMillis()).isCloseTo(fromEncode.get(i).startMillis(),
                org.assertj.core.data.Offset.offset(200L));
        }
        long decoded = windows.stream().mapToLong(w -> w[1] - w[0]).sum();
        assertThat(decoded).as("only the search windows are decoded").isLessThan(bookMillis / 2);
    }

    /** Each split lies in a real pause, within 0.5 s, and never in a decoy. */
    private static void assertSplitsInPauses(List<Double> splits) {
        assertThat(splits).isNotEmpty();
        for (double split : splits) {
            boolean inPause = false;
            for (double[] pause : PAUSES) {
                inPause |= split >= pause[0] - 0.5 && split <= pause[1] + 0.5;
            }
            assertThat(inPause).as("split at %.3f s lies in a known pause", split).isTrue();
        }
    }

    /** Noise with a tremolo (speech-like levels), silent in the pauses and gaps, 30 dB down in the decoys. */
    private static void generate(Path mp3) throws Exception {
        StringBuilder filter = new StringBuilder("tremolo=f=2.5:d=0.5");
        List<double[]> silent = new ArrayList<>(List.of(PAUSES));
        silent.addAll(List.of(SHORT_GAPS));
        for (double[] s : silent) {
            filter.append(String.format(Locale.ROOT, ",volume=0:enable='between(t,%.3f,%.3f)'", s[0], s[1]));
        }
        for (double[] q : QUIETER) {
            filter.append(String.format(Locale.ROOT, ",volume=0.0316:enable='between(t,%.3f,%.3f)'", q[0], q[1]));
        }
        run(List.of("-f", "lavfi", "-i", String.format(Locale.ROOT,
                "anoisesrc=color=white:amplitude=0.3:seed=7:sample_rate=%d:duration=%.1f", RATE, SECONDS),
            "-af", filter.toString(), "-ac", "1", "-c:a", "libmp3lame", "-compression_level", "9", "-b:a", "16k", mp3.toString()));
    }

    private static String run(List<String> args) throws Exception {
        List<String> full = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-v", "error", "-y"));
        full.addAll(args);
        Process process = new ProcessBuilder(AUDIO.tools().ffmpegCommand(full)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("ffmpeg failed: " + output);
        }
        return output;
    }
}
