package org.automb.media.mp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.automb.media.mp4.EditList.Edit;
import org.junit.jupiter.api.Test;

class JoinTimelineTest {

    private static final int RATE = 44100;

    /** A part as ffmpeg writes it: 1024 samples of priming, the last frame cut where the audio ends. */
    private static PartTiming ffmpegPart(long audioSamples) {
        long frames = (audioSamples + 1024 + 1023) / 1024;
        long media = audioSamples + 1024;
        long editEnd = 1024 + Math.round(Math.round(audioSamples * 1000.0 / RATE) * RATE / 1000.0);
        return new PartTiming(frames, 1024, media, 1024, OptionalLong.of(editEnd), 45);
    }

    @Test
    void eachPartStartsOnItsFirstRealSampleAfterTheWholeFramesOfTheOnesBeforeIt() {
        // 48510 audio samples: 49 frames with the priming; later parts keep their priming frame in the book
        List<PartTiming> parts = List.of(ffmpegPart(48510), ffmpegPart(54243), ffmpegPart(30000));
        JoinTimeline timeline = JoinTimeline.of(parts);

        assertThat(timeline.mediaStarts()).containsExactly(0L, 49L * 1024, (49L + 54) * 1024);
        assertThat(timeline.presentedStarts()).as("each part's media start, after its priming, less the book's first priming")
            .containsExactly(0L, 49L * 1024, (49L + 54) * 1024);
        assertThat(timeline.presentedDurations()).as("to the next part's first real sample; the last to where its audio ends")
            .containsExactly(49L * 1024, 54L * 1024, 30000L);
        assertThat(timeline.mediaDuration()).isEqualTo((49L + 54) * 1024 + 30000 + 1024);
        assertThat(timeline.presentedDuration()).isEqualTo((49L + 54) * 1024 + 30000);
    }

    @Test
    void oneEditSkipsOnlyTheFirstPartsPrimingAndRunsToTheEnd() {
        JoinTimeline timeline = JoinTimeline.of(List.of(ffmpegPart(48510), ffmpegPart(54243), ffmpegPart(30000)));

        assertThat(timeline.editList(RATE, RATE).edits()).as("one entry: GStreamer's qtdemux plays only the first")
            .containsExactly(new Edit((49L + 54) * 1024 + 30000, 1024, EditList.NORMAL_RATE));
    }

    @Test
    void segmentsWithoutPrimingOfTheirOwnJoinSeamlesslyUnderOneEdit() {
        // the in-JVM encoder's segments: the first primed, the others continuing frame to frame
        PartTiming first = new PartTiming(1000, 1024, 1000 * 1024, 1024, OptionalLong.empty(), 1);
        PartTiming next = new PartTiming(1000, 1024, 1000 * 1024, 0, OptionalLong.empty(), 1);
        PartTiming last = new PartTiming(500, 1024, 499 * 1024 + 300, 0, OptionalLong.empty(), 1);
        JoinTimeline timeline = JoinTimeline.of(List.of(first, next, last));

        assertThat(timeline.presentedStarts()).containsExactly(0L, 1000L * 1024 - 1024, 2000L * 1024 - 1024);
        assertThat(timeline.editList(RATE, RATE).edits())
            .containsExactly(new Edit(2499L * 1024 + 300 - 1024, 1024, EditList.NORMAL_RATE));
    }

    @Test
    void partsWithoutPrimingAndWithApplesLongerPrimingStartAfterTheirOwnPriming() {
        PartTiming plain = new PartTiming(10, 1024, 10 * 1024, 0, OptionalLong.empty(), 1);
        PartTiming apple = new PartTiming(12, 1024, 12 * 1024, 2112, OptionalLong.of(2112 + 8000), 1);
        JoinTimeline timeline = JoinTimeline.of(List.of(plain, apple, plain));

        assertThat(timeline.presentedStarts()).containsExactly(0L, 10240L + 2112, 22L * 1024);
        assertThat(timeline.editList(RATE, RATE).edits()).extracting(Edit::mediaTime).containsExactly(0L);
        assertThat(timeline.presentedDuration()).isEqualTo(32L * 1024);
    }

    @Test
    void theLastPartTrustsItsEditListOnlyWhereItDisagreesWithItsFrames() {
        // Apple's files: whole frames in stts, the end in the edit list
        PartTiming apple = new PartTiming(12, 1024, 12 * 1024, 2112, OptionalLong.of(2112 + 8000), 1);
        assertThat(apple.audioEnd()).isEqualTo(2112 + 8000);
        // an edit list in milliseconds that lands 13 samples off the stts end: the stts is exact
        PartTiming ffmpeg = new PartTiming(12, 1024, 11 * 1024 + 500, 1024, OptionalLong.of(11 * 1024 + 513), 45);
        assertThat(ffmpeg.audioEnd()).isEqualTo(11 * 1024 + 500);
        // an edit list that claims more than the media: the media
        PartTiming past = new PartTiming(12, 1024, 12 * 1024, 1024, OptionalLong.of(20 * 1024), 1);
        assertThat(past.audioEnd()).isEqualTo(12 * 1024);
    }

    @Test
    void aCoarserMovieTimescaleRoundsTheOneEditOnce() {
        List<PartTiming> parts = java.util.Collections.nCopies(300, ffmpegPart(48510));
        JoinTimeline timeline = JoinTimeline.of(parts);

        EditList millis = timeline.editList(1000, RATE);

        assertThat(millis.edits()).hasSize(1);
        assertThat(millis.totalSegmentDuration()).isEqualTo(Math.round(timeline.presentedDuration() * 1000.0 / RATE));
    }
}
