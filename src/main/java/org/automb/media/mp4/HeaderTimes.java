package org.automb.media.mp4;

import java.nio.ByteBuffer;

/**
 * The timescale and duration fields of {@code mvhd}, {@code tkhd} and {@code mdhd}, which sit at different places
 * in a version 0 box (32-bit times) and a version 1 box (64-bit times).
 */
final class HeaderTimes {

    private HeaderTimes() {
    }

    /** Units per second of an mvhd or mdhd. */
    static long timescale(Box header) throws NotJoinableException {
        ByteBuffer body = body(header);
        return Integer.toUnsignedLong(body.getInt(version(header) == 1 ? 20 : 12));
    }

    static long duration(Box header) throws NotJoinableException {
        ByteBuffer body = body(header);
        int at = durationOffset(header);
        return version(header) == 1 ? body.getLong(at) : Integer.toUnsignedLong(body.getInt(at));
    }

    /** The header with {@code duration}, rewritten as version 1 when it no longer fits 32 bits. */
    static Box withDuration(Box header, long duration) throws NotJoinableException {
        Box wide = duration > 0xFFFF_FFFFL && version(header) == 0 ? toVersion1(header) : header;
        ByteBuffer body = ByteBuffer.wrap(wide.body().clone());
        int at = durationOffset(wide);
        if (version(wide) == 1) {
            body.putLong(at, duration);
        } else {
            body.putInt(at, (int) duration);
        }
        return Box.leaf(wide.type(), body.array());
    }

    private static int version(Box header) {
        return header.body()[0];
    }

    /** The body, once it is known to hold the fields read here. */
    private static ByteBuffer body(Box header) throws NotJoinableException {
        if (header.body().length < 4 || version(header) > 1
            || header.body().length < rawDurationOffset(header) + (version(header) == 1 ? 8 : 4)) {
            throw new NotJoinableException("an unexpected '" + header.type() + "'");
        }
        return ByteBuffer.wrap(header.body());
    }

    private static int durationOffset(Box header) throws NotJoinableException {
        body(header);
        return rawDurationOffset(header);
    }

    private static int rawDurationOffset(Box header) {
        boolean v1 = version(header) == 1;
        // tkhd: creation, modification, track_ID, reserved, duration; mvhd/mdhd: creation, modification, timescale, duration
        return v1 ? (header.type().equals("tkhd") ? 28 : 24) : (header.type().equals("tkhd") ? 20 : 16);
    }

    /** Creation and modification times widen to 64 bits, and so does the duration; the fields after them stay. */
    private static Box toVersion1(Box header) {
        ByteBuffer old = ByteBuffer.wrap(header.body());
        ByteBuffer wide = ByteBuffer.allocate(header.body().length + 12);
        wide.putInt(old.getInt(0) & 0x00FF_FFFF | 0x0100_0000);
        wide.putLong(Integer.toUnsignedLong(old.getInt(4)));
        wide.putLong(Integer.toUnsignedLong(old.getInt(8)));
        wide.putInt(old.getInt(12)); // timescale (mvhd, mdhd) or track_ID (tkhd)
        int rest = 20;
        if (header.type().equals("tkhd")) {
            wide.putInt(old.getInt(16)); // reserved
            wide.putLong(Integer.toUnsignedLong(old.getInt(20)));
            rest = 24;
        } else {
            wide.putLong(Integer.toUnsignedLong(old.getInt(16)));
        }
        wide.put(header.body(), rest, header.body().length - rest);
        return Box.leaf(header.type(), wide.array());
    }
}
