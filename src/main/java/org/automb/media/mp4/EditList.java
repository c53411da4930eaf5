package org.automb.media.mp4;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An edit list ({@code elst}): which stretches of the media a player presents, in order.
 *
 * @param edits the entries in presentation order
 */
public record EditList(List<Edit> edits) {

    /** The 16.16 fixed-point rate of normal playback. */
    public static final int NORMAL_RATE = 0x0001_0000;

    /**
     * One entry: present {@code segmentDuration} (movie timescale) of the media starting at {@code mediaTime}
     * (media timescale; -1 for an empty edit, a pause) at {@code rate}.
     */
    public record Edit(long segmentDuration, long mediaTime, int rate) {
    }

    public EditList {
        edits = List.copyOf(edits);
    }

    public static EditList read(Box elst) throws NotJoinableException {
        try {
            ByteBuffer body = ByteBuffer.wrap(elst.body());
            int version = body.get(0);
            int count = body.getInt(4);
            body.position(8);
            List<Edit> edits = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                if (version == 1) {
                    edits.add(new Edit(body.getLong(), body.getLong(), body.getInt()));
                } else {
                    edits.add(new Edit(Integer.toUnsignedLong(body.getInt()), body.getInt(), body.getInt()));
                }
            }
            return new EditList(edits);
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new NotJoinableException("an 'elst' shorter than its entry count");
        }
    }

    /** The elst box: version 0 (32-bit fields) unless a value needs 64 bits. */
    public Box toBox() {
        boolean wide = edits.stream().anyMatch(e -> e.segmentDuration() > 0xFFFF_FFFFL
            || e.mediaTime() > Integer.MAX_VALUE || e.mediaTime() < Integer.MIN_VALUE);
        ByteBuffer body = ByteBuffer.allocate(8 + edits.size() * (wide ? 20 : 12)).putInt(wide ? 0x0100_0000 : 0)
            .putInt(edits.size());
        for (Edit edit : edits) {
            if (wide) {
                body.putLong(edit.segmentDuration()).putLong(edit.mediaTime());
            } else {
                body.putInt((int) edit.segmentDuration()).putInt((int) edit.mediaTime());
            }
            body.putInt(edit.rate());
        }
        return Box.leaf("elst", body.array());
    }

    public long totalSegmentDuration() {
        return edits.stream().mapToLong(Edit::segmentDuration).sum();
    }
}
