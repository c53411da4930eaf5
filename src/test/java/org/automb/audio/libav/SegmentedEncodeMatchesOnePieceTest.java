package org.automb.audio.libav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.automb.audio.ffmpeg.ConcatEncode;
import org.automb.media.AudioSource;
import org.automb.media.libav.SampleCounter;
import org.automb.media.mp4.AacPartJoiner;
import org.automb.plan.SourceFixtures;
import org.automb.testing.M4bInspector;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A book encoded in two segments at once is the book encoded in one piece up to the join, sample for sample, and
 * joins without a seam: the same length, each source where the decoder put it, no jump at the join.
 */
class SegmentedEncodeMatchesOnePieceTest {

    private static final TestAudio AUDIO = TestAudio.bundled();
    private static final M4bInspector INSPECT = new M4bInspector(AUDIO.tools());
    private static final AacTarget MONO_64K = new AacTarget(44100, 1, 64);
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final SampleCounter counter = new SampleCounter();
    private final SegmentPlanner planner = new SegmentPlanner(16, 4, 200L * SegmentPlanner.FRAME);

    @TempDir
    Path dir;
    private List<AudioSource> sources;

    @BeforeEach
    void book() throws Exception {
        sources = new ArrayList<>();
        double[] seconds = {9.37, 11.21, 8.803};
        for (int i = 0; i < seconds.length; i++) {
            sources.add(SourceFixtures.probed(AUDIO.mp3(dir.resolve("0" + (i + 1) + ".mp3"), seconds[i], 44100, 1, Map.of())));
        }
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void twoSegmentsDecodeLikeOneEncoderUpToTheJoinAndJoinWithoutASeam() throws Exception {
        SegmentedEncode.EncodedBook split = encode(2, "split");
        SegmentedEncode.EncodedBook whole = encode(1, "whole");

        long[] counted = sources.stream().mapToLong(this::decodedSamples).toArray();
        long total = Arrays.stream(counted).sum();
        assertThat(split.segments()).hasSize(2);
        assertThat(whole.segments()).hasSize(1);
        assertThat(split.sourceSamples()).as("each source's samples, as the decoder gives them")
            .containsExactly(counted[0], counted[1], counted[2]);
        assertThat(whole.sourceSamples()).containsExactly(counted[0], counted[1], counted[2]);
        long join = split.segmentStarts().get(1);
        assertThat(join % SegmentPlanner.FRAME).as("the join lies on the frame grid").isZero();
        assertThat(join).isBetween(total / 2 - SegmentPlanner.FRAME, total / 2);
        assertThat(split.segments().stream().mapToLong(s -> s.presentedSamples(SegmentPlanner.FRAME)).sum())
            .as("the segments present the book's samples, no more, no less").isEqualTo(total);

        // the loudness measured on what the encoders were fed: the segments stitch into the one encoder's envelope
        float[] splitLevels = split.loudness().levels();
        float[] wholeLevels = whole.loudness().levels();
        assertThat(split.loudness().startMillis()).isZero();
        assertThat(splitLevels).hasSameSizeAs(wholeLevels).hasSize((int) ((total * 1000 / 44100 + 99) / 100));
        for (int i = 0; i < wholeLevels.length; i++) {
            assertThat(splitLevels[i]).as("level of block %d", i).isCloseTo(wholeLevels[i], org.assertj.core.data.Offset.offset(0.001f));
        }

        byte[] firstSegment = Files.readAllBytes(split.segments().get(0).packets());
        byte[] wholePackets = Files.readAllBytes(whole.segments().get(0).packets());
        assertThat(Arrays.equals(firstSegment, 0, firstSegment.length, wholePackets, 0, firstSegment.length))
            .as("the first segment's packets are the one encoder's, byte for byte").isTrue();

        float[] splitAudio = INSPECT.decodedMono(joined(split, "split.m4a"));
        float[] wholeAudio = INSPECT.decodedMono(joined(whole, "whole.m4a"));
        assertThat((long) splitAudio.length).as("decoded length").isBetween(total, total + SegmentPlanner.FRAME);
        assertThat(splitAudio.length).isEqualTo(wholeAudio.length);
        for (int i = 0; i < join; i++) {
            if (splitAudio[i] != wholeAudio[i]) {
                throw new AssertionError("sample " + i + " before the join differs from the one encoder's");
            }
        }
        float atJoin = M4bInspector.largestJump(splitAudio, (int) join - 1024, (int) join + 1024);
        float elsewhere = Math.max(M4bInspector.largestJump(splitAudio, 0, (int) join - 1024),
            M4bInspector.largestJump(splitAudio, (int) join + 1024, splitAudio.length));
        assertThat(atJoin).as("largest sample-to-sample jump at the join, against the rest of the book").isLessThanOrEqualTo(elsewhere);
    }

    @Test
    void aSourceThatDecodesToAnotherLengthThanCountedIsEncodedAgainInOnePiece() throws Exception {
        // a count that is off by one frame, as a damaged MP3 frame counted by its length but dropped by the decoder
        SourceCounter wrongCount = (bookKey, books) -> {
            List<Long> off = new ArrayList<>(books.stream().map(this::decodedSamples).toList());
            off.set(0, off.get(0) + 1152);
            return off;
        };
        SegmentedEncode encode = new SegmentedEncode(planner, wrongCount, pool, 2);
        Path work = Files.createDirectories(dir.resolve("recount"));

        SegmentedEncode.EncodedBook book = encode.encode("book", sources, MONO_64K, work, new EncodeControl(60_000));

        assertThat(book.segments()).as("encoded again in one piece").hasSize(1);
        assertThat(book.sourceSamples()).containsExactly(decodedSamples(sources.get(0)), decodedSamples(sources.get(1)),
            decodedSamples(sources.get(2)));
    }

    private SegmentedEncode.EncodedBook encode(int encoders, String name) throws IOException {
        SegmentedEncode encode = new SegmentedEncode(planner, SourceCounter.of(new ConcatEncode(counter, pool), 2), pool, encoders);
        Path work = Files.createDirectories(dir.resolve(name));
        return encode.encode("book", sources, MONO_64K, work, new EncodeControl(60_000));
    }

    private long decodedSamples(AudioSource source) {
        try {
            return counter.count(source).samples();
        } catch (SampleCounter.Undecodable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The book as an .m4a: the head file as the shell, every segment's packets joined in. */
    private Path joined(SegmentedEncode.EncodedBook book, String name) throws Exception {
        Path out = dir.resolve(name);
        AacPartJoiner.join(book.head(), book.parts(44100), out);
        return out;
    }

}
