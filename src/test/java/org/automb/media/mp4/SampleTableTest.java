package org.automb.media.mp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.automb.media.mp4.SampleTable.ByteRange;
import org.automb.media.mp4.SampleTable.ChunkRun;
import org.automb.media.mp4.SampleTable.TimeRun;
import org.junit.jupiter.api.Test;

class SampleTableTest {

    /** 5 frames in chunks of 2, 2, 1; the last frame ends the audio after 382 samples. */
    private static final SampleTable A = new SampleTable(List.of(new TimeRun(4, 1024), new TimeRun(1, 382)),
        SampleTable.sizes(10, 11, 12, 13, 14), List.of(new ChunkRun(1, 2, 1), new ChunkRun(3, 1, 1)), new long[] {100, 121, 146});
    /** 3 frames in one chunk. */
    private static final SampleTable B = new SampleTable(List.of(new TimeRun(3, 1024)), SampleTable.sizes(20, 21, 22),
        List.of(new ChunkRun(1, 3, 1)), new long[] {40});

    @Test
    void chunksAreTheByteRangesOfTheirSamples() throws Exception {
        assertThat(A.chunkRanges()).containsExactly(new ByteRange(100, 21), new ByteRange(121, 25), new ByteRange(146, 14));
        assertThat(A.sampleCount()).isEqualTo(5);
        assertThat(A.duration()).isEqualTo(4 * 1024 + 382);
    }

    @Test
    void joinedTablesKeepEachPartsChunksAndRebaseTheChunkNumbers() throws Exception {
        SampleTable joined = SampleTable.concat(List.of(A.withWholeLastFrame(1024), B, A));

        assertThat(joined.sampleCount()).isEqualTo(13);
        assertThat(joined.times()).as("the first part's last frame whole, the last part's as it was")
            .containsExactly(new TimeRun(12, 1024), new TimeRun(1, 382));
        assertThat(joined.chunkRuns()).containsExactly(new ChunkRun(1, 2, 1), new ChunkRun(3, 1, 1), new ChunkRun(4, 3, 1),
            new ChunkRun(5, 2, 1), new ChunkRun(7, 1, 1));
        assertThat(joined.chunkOffsets()).containsExactly(100, 121, 146, 40, 100, 121, 146);
        assertThat(joined.chunkRanges()).extracting(ByteRange::length).containsExactly(21L, 25L, 14L, 63L, 21L, 25L, 14L);
    }

    @Test
    void aRunThatRepeatsTheOneBeforeItIsDropped() {
        SampleTable joined = SampleTable.concat(List.of(B, B));
        assertThat(joined.chunkRuns()).containsExactly(new ChunkRun(1, 3, 1));
        assertThat(joined.chunkOffsets()).hasSize(2);
    }

    @Test
    void tablesSurviveWritingAndReading() throws Exception {
        SampleTable table = A.withChunkOffsets(new long[] {1, 2, 3});
        SampleTable read = SampleTable.read(Box.container("stbl", table.toBoxes(false)));
        assertThat(read.times()).isEqualTo(table.times());
        assertThat(read.stsz().body()).isEqualTo(table.stsz().body());
        assertThat(read.chunkRuns()).isEqualTo(table.chunkRuns());
        assertThat(read.chunkOffsets()).containsExactly(1, 2, 3);
    }

    @Test
    void offsetsPast4GiBAreWrittenAsCo64() throws Exception {
        long far = (5L << 30) + 7;
        SampleTable table = A.withChunkOffsets(new long[] {0xFFFF_FFF0L, far, far + 21});

        List<Box> narrow = table.toBoxes(false);
        List<Box> wide = table.toBoxes(true);

        assertThat(narrow.get(3).type()).isEqualTo("stco");
        assertThat(wide.get(3).type()).isEqualTo("co64");
        assertThat(wide.get(3).body()).hasSize(8 + 3 * 8);
        assertThat(SampleTable.read(Box.container("stbl", wide)).chunkOffsets()).containsExactly(0xFFFF_FFF0L, far, far + 21);
        assertThat(ByteBuffer.wrap(narrow.get(3).body()).getInt(8)).as("32-bit offsets below 4 GiB still unsigned")
            .isEqualTo((int) 0xFFFF_FFF0L);
        assertThat(SampleTable.read(Box.container("stbl", narrow)).chunkOffsets()[0]).isEqualTo(0xFFFF_FFF0L);
    }

    @Test
    void aPartWithOneSizeForAllItsSamplesJoinsWithListedSizes() throws Exception {
        SampleTable same = new SampleTable(List.of(new TimeRun(3, 1024)), SampleTable.constantSizes(6, 3),
            List.of(new ChunkRun(1, 3, 1)), new long[] {8});
        assertThat(same.chunkRanges()).containsExactly(new ByteRange(8, 18));

        SampleTable joined = SampleTable.concat(List.of(same, B));

        assertThat(joined.constantSize()).isZero();
        assertThat(joined.sampleCount()).isEqualTo(6);
        assertThat(joined.chunkRanges()).extracting(ByteRange::length).containsExactly(18L, 63L);
        assertThat(joined.sampleSize(2)).isEqualTo(6);
        assertThat(joined.sampleSize(5)).isEqualTo(22);
    }

    @Test
    void groupsCoveringEveryFrameAreRewrittenForTheWholeBook() {
        ByteBuffer sbgp = ByteBuffer.allocate(8 + 4 + 16).putInt(0).put("roll".getBytes()).putInt(2)
            .putInt(30).putInt(1).putInt(19).putInt(1);
        Box whole = JoinedMovie.coveringAll(Box.leaf("sbgp", sbgp.array()), 1000);
        assertThat(ByteBuffer.wrap(whole.body()).getInt(8)).as("entries").isEqualTo(1);
        assertThat(ByteBuffer.wrap(whole.body()).getInt(12)).as("samples").isEqualTo(1000);
        assertThat(ByteBuffer.wrap(whole.body()).getInt(16)).as("group").isEqualTo(1);

        sbgp.putInt(24, 0); // the second run in no group
        assertThat(JoinedMovie.coveringAll(Box.leaf("sbgp", sbgp.array()), 1000)).isNull();
    }
}
