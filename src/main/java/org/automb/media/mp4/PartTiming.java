package org.automb.media.mp4;

import java.util.OptionalLong;

/**
 * One part's audio timing as its own file states it, in its media timescale (samples, for AAC).
 *
 * @param samples       how many AAC frames (MP4 samples) the part holds
 * @param frame         how long one frame lasts (1024 for AAC LC)
 * @param mediaDuration the sum of its stts: whole frames, but the last one may be cut to where the audio ends
 * @param priming       where its own edit list starts the audio (the encoder's priming; 0 without an edit list)
 * @param editEnd       where its own edit list ends the audio, converted to the media timescale, if it has one
 * @param editPrecision how far {@code editEnd} may be off (one tick of the file's movie timescale, in media units)
 */
public record PartTiming(long samples, long frame, long mediaDuration, long priming, OptionalLong editEnd,
                         long editPrecision) {

    /** The part's length in the joined media: whole frames, so the next part starts on a frame boundary. */
    long joinedMediaDuration(boolean last) {
        return last ? mediaDuration : samples * frame;
    }

    /**
     * Where the part's audio ends: its stts when its edit list agrees within the edit list's precision (a
     * millisecond for ffmpeg's files; the stts is exact), else its edit list, never past its media.
     */
    long audioEnd() {
        if (editEnd.isEmpty() || Math.abs(editEnd.getAsLong() - mediaDuration) <= editPrecision) {
            return mediaDuration;
        }
        return Math.min(editEnd.getAsLong(), mediaDuration);
    }
}
