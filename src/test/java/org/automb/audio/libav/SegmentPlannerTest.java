package org.automb.audio.libav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentPlannerTest {

    private static final int FRAME = SegmentPlanner.FRAME;
    private final SegmentPlanner planner = new SegmentPlanner(8, 4, 100L * FRAME);

    @Test
    void aShortBookOrOneEncoderIsOneSegment() {
        assertThat(planner.plan(150L * FRAME, 2)).containsExactly(Segment.whole(FRAME));
        assertThat(planner.plan(10_000L * FRAME, 1)).containsExactly(Segment.whole(FRAME));
        Segment whole = Segment.whole(FRAME);
        assertThat(whole.first()).isTrue();
        assertThat(whole.last()).isTrue();
        assertThat(whole.keepStart()).as("the priming packet is kept").isEqualTo(-FRAME);
    }

    @Test
    void segmentsForNeverGivesMoreSegmentsThanEncodersOrThanTheMinimumLengthAllows() {
        assertThat(planner.segmentsFor(99L * FRAME, 4)).isEqualTo(1);
        assertThat(planner.segmentsFor(250L * FRAME, 4)).isEqualTo(2);
        assertThat(planner.segmentsFor(10_000L * FRAME, 4)).isEqualTo(4);
        assertThat(planner.segmentsFor(10_000L * FRAME, 1)).isEqualTo(1);
    }

    @Test
    void splitsLieOnTheFrameGridAndTheKeptRangesTileTheBook() {
        long total = 1_000_003L;
        List<Segment> segments = planner.plan(total, 3);

        assertThat(segments).hasSize(3);
        assertThat(segments.get(0).keepStart()).isEqualTo(-FRAME);
        assertThat(segments.get(0).feedStart()).isZero();
        for (int i = 1; i < segments.size(); i++) {
            Segment previous = segments.get(i - 1);
            Segment segment = segments.get(i);
            assertThat(segment.keepStart() % FRAME).as("split %d on the frame grid", i).isZero();
            assertThat(previous.keepEnd()).as("segment %d starts where %d ends", i, i - 1).isEqualTo(segment.keepStart());
            assertThat(segment.feedStart()).as("pre-roll").isEqualTo(segment.keepStart() - 8L * FRAME);
            assertThat(previous.feedEnd()).as("post-roll").isEqualTo(segment.keepStart() + 4L * FRAME);
            assertThat(segment.keepStart()).isCloseTo(total * i / 3, org.assertj.core.data.Offset.offset((long) FRAME));
        }
        Segment last = segments.get(2);
        assertThat(last.last()).isTrue();
        assertThat(last.feedEnd()).as("the last encoder reads to the end of the last file").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void refusesPreAndPostRollsTooShortForASeamlessJoin() {
        assertThatThrownBy(() -> new SegmentPlanner(1, 4, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SegmentPlanner(8, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findsTheSourceHoldingASample() {
        long[] starts = {0, 100, 100, 250};
        assertThat(SegmentEncoder.sourceAt(starts, 0)).isZero();
        assertThat(SegmentEncoder.sourceAt(starts, 99)).isZero();
        assertThat(SegmentEncoder.sourceAt(starts, 100)).as("an empty source holds nothing").isEqualTo(2);
        assertThat(SegmentEncoder.sourceAt(starts, 249)).isEqualTo(2);
        assertThat(SegmentEncoder.sourceAt(starts, 10_000)).isEqualTo(3);
    }
}
