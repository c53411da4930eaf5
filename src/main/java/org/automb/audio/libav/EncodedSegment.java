package org.automb.audio.libav;

import java.nio.file.Path;
import java.util.Map;
import org.automb.media.LoudnessMeter;

/**
 * What one segment's encoder kept: its AAC packets back to back in {@code packets} (no container), their sizes,
 * and what it learnt of the sources on the way.
 *
 * @param sizes          each kept packet's size in bytes, in order
 * @param lastDuration   the last packet's length in samples (the frame length, except at the book's end)
 * @param decodedSamples for each source this encoder decoded to its end (by index in the book): its samples
 * @param failedPackets  packets the decoders skipped as damaged
 * @param loudness       the loudness of the segment's own stretch, measured on the samples the encoder was fed
 */
public record EncodedSegment(Segment segment, Path packets, int[] sizes, long lastDuration,
                             Map<Integer, Long> decodedSamples, int failedPackets, LoudnessMeter loudness) {

    public EncodedSegment {
        decodedSamples = Map.copyOf(decodedSamples);
    }

    /** How many samples the kept packets present: the frame length each, the last one's own, less any priming. */
    public long presentedSamples(int frame) {
        long media = (long) (sizes.length - 1) * frame + lastDuration;
        return segment.first() ? media - frame : media;
    }
}
