package org.automb.audio.libav;

/**
 * One stretch of a book's audio that its own AAC encoder writes, in samples at the book's rate from the book's
 * first sample. The encoder is fed {@code [feedStart, feedEnd)}: a little audio before and after the stretch so
 * that its first and last frames are encoded as they would be in one long run; of its packets it keeps those
 * whose audio starts in {@code [keepStart, keepEnd)}.
 *
 * @param index     0 for the book's first segment
 * @param keepStart where the first kept packet's audio starts ({@code -frame} for the first segment: its priming)
 * @param keepEnd   where the segment ends (the next one's {@code keepStart}); {@link Long#MAX_VALUE} for the last
 * @param feedStart the first sample fed to the encoder; a multiple of the frame length
 * @param feedEnd   the end of what is fed; {@link Long#MAX_VALUE} for the last segment (to the end of the last file)
 */
public record Segment(int index, long keepStart, long keepEnd, long feedStart, long feedEnd) {

    public boolean first() {
        return index == 0;
    }

    public boolean last() {
        return keepEnd == Long.MAX_VALUE;
    }

    /** The whole book as one segment. */
    public static Segment whole(int frame) {
        return new Segment(0, -frame, Long.MAX_VALUE, 0, Long.MAX_VALUE);
    }
}
