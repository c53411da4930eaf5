package org.automb.convert.mp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.automb.convert.mp4.EditList.Edit;
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
    void eachPartStartsAfterTheWholeFramesOfTheOnesBeforeItLessTheirPriming() {
        // 48510 audio samples: 49 frames with the priming, ffmpeg decodes 48 * 1024 = 49152 of them
        List<PartTiming> parts = List.of(ffmpegPart(48510), ffmpegPart(54243), ffmpegPart(30000));
        JoinTimeline timeline = JoinTimeline.of(parts);

        assertThat(timeline.mediaStarts()).containsExactly(0L, 49L * 1024, (49L + 54) * 1024);
        assertThat(timeline.presentedStarts()).containsExactly(0L, 49152L, 49152L + 54272);
        assertThat(timeline.presentedDurations()).as("the last part ends where its audio ends")
            .containsExactly(49152L, 54272L, 30000L);
        assertThat(timeline.mediaDuration()).isEqualTo((49L + 54) * 1024 + 30000 + 1024);
        assertThat(timeline.presentedDuration()).isEqualTo(49152 + 54272 + 30000);
    }

    @Test
    void oneEditPerPartSkipsItsOwnPriming() {
        JoinTimeline timeline = JoinTimeline.of(List.of(ffmpegPart(48510), ffmpegPart(54243), ffmpegPart(30000)));

        assertThat(timeline.editList(RATE, RATE).edits()).containsExactly(
            new Edit(49152, 1024, EditList.NORMAL_RATE),
            new Edit(54272, 49L * 1024 + 1024, EditList.NORMAL_RATE),
            new Edit(30000, 103L * 1024 + 1024, EditList.NORMAL_RATE));
    }

    @Test
    void partsWithoutPrimingAndWithApplesLongerPrimingArePlacedByTheirOwnEdits() {
        PartTiming plain = new PartTiming(10, 1024, 10 * 1024, 0, OptionalLong.empty(), 1);
        PartTiming apple = new PartTiming(12, 1024, 12 * 1024, 2112, OptionalLong.of(2112 + 8000), 1);
        JoinTimeline timeline = JoinTimeline.of(List.of(plain, apple, plain));

        assertThat(timeline.presentedStarts()).containsExactly(0L, 10240L, 10240L + 12 * 1024 - 2112);
        assertThat(timeline.editList(RATE, RATE).edits()).extracting(Edit::mediaTime)
            .containsExactly(0L, 10240L + 2112, 22L * 1024);
    }

    @Test
    void theLastPartTrustsItsEditListOnlyWhereItDisagreesWithItsFrames() {
        // Apple's files: whole frames in stts, the end in the edit list
        PartTiming apple = new PartTiming(12, 1024, 12 * 1024, 2112, OptionalLong.of(2112 + 8000), 1);
        assertThat(apple.presentedDuration(true)).isEqualTo(8000);
        // an edit list in milliseconds that lands 13 samples off the stts end: the stts is exact
        PartTiming ffmpeg = new PartTiming(12, 1024, 11 * 1024 + 500, 1024, OptionalLong.of(11 * 1024 + 513), 45);
        assertThat(ffmpeg.presentedDuration(true)).isEqualTo(10 * 1024 + 500);
        // an edit list that claims more than the media: the media
        PartTiming past = new PartTiming(12, 1024, 12 * 1024, 1024, OptionalLong.of(20 * 1024), 1);
        assertThat(past.presentedDuration(true)).isEqualTo(11 * 1024);
    }

    @Test
    void segmentsInACoarserMovieTimescaleAddUpWithoutDrift() {
        List<PartTiming> parts = java.util.Collections.nCopies(300, ffmpegPart(48510));
        JoinTimeline timeline = JoinTimeline.of(parts);

        EditList millis = timeline.editList(1000, RATE);

        long exact = Math.round(timeline.presentedDuration() * 1000.0 / RATE);
        assertThat(millis.totalSegmentDuration()).isEqualTo(exact);
        long position = 0;
        for (int k = 0; k < parts.size(); k++) {
            long start = Math.round(timeline.presentedStarts().get(k) * 1000.0 / RATE);
            assertThat(position).as("edit %d starts where its part does, to the millisecond", k).isEqualTo(start);
            position += millis.edits().get(k).segmentDuration();
        }
    }
}
