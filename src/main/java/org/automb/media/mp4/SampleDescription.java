package org.automb.media.mp4;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A track's sample description ({@code stsd}) as the joiner compares it: two parts can share one description when
 * their bytes match except the informative bit rates. Those differ from file to file of one encoder run (ffmpeg
 * writes each file's own average into the {@code esds}), while the codec setup they must share (the
 * AudioSpecificConfig, channels, sample rate) is compared byte for byte.
 */
final class SampleDescription {

    private SampleDescription() {
    }

    /** The description's bytes with the bit-rate fields of its esds and btrt zeroed. */
    static byte[] withoutBitRates(Box stsd) {
        byte[] bytes = stsd.body().clone();
        try {
            ByteBuffer body = ByteBuffer.wrap(bytes);
            int entryStart = 8; // version, flags, entry count
            int entryEnd = entryStart + body.getInt(entryStart);
            // sample entry: header (8), reserved (6), data reference (2), sound version (2), then 26 bytes of
            // version 0 fields (version 1 adds 16 bytes, version 2 adds 36)
            int soundVersion = body.getShort(entryStart + 16);
            int child = entryStart + 36 + (soundVersion == 1 ? 16 : soundVersion == 2 ? 36 : 0);
            while (child + 8 <= entryEnd) {
                int size = body.getInt(child);
                String type = Box.fourCc(body.getInt(child + 4));
                if (size < 8) {
                    break;
                }
                if (type.equals("btrt")) {
                    Arrays.fill(bytes, child + 8, Math.min(child + 20, child + size), (byte) 0);
                } else if (type.equals("esds")) {
                    int rates = decoderConfigRates(body, child + 12, child + size);
                    if (rates > 0) {
                        Arrays.fill(bytes, rates, rates + 11, (byte) 0);
                    }
                }
                child += size;
            }
        } catch (IndexOutOfBoundsException e) {
            // an unexpected layout: compared as it is, which can only refuse a join, never allow a wrong one
        }
        return bytes;
    }

    /**
     * Where bufferSizeDB, maxBitrate and avgBitrate (3 + 4 + 4 bytes) of the DecoderConfigDescriptor start, or -1.
     * The ES_Descriptor (tag 3) holds ES_ID (2), flags (1) and optional fields the flags announce, then the
     * DecoderConfigDescriptor (tag 4): objectTypeIndication (1), streamType (1), the rates.
     */
    private static int decoderConfigRates(ByteBuffer body, int at, int end) {
        int p = at;
        if (body.get(p++) != 3) {
            return -1;
        }
        p = skipLength(body, p) + 2;
        int flags = body.get(p++) & 0xff;
        if ((flags & 0x80) != 0) {
            p += 2;
        }
        if ((flags & 0x40) != 0) {
            p += 1 + (body.get(p) & 0xff);
        }
        if ((flags & 0x20) != 0) {
            p += 2;
        }
        if (p >= end || body.get(p++) != 4) {
            return -1;
        }
        p = skipLength(body, p) + 2;
        return p + 11 <= end ? p : -1;
    }

    /** Past a descriptor's length: up to four bytes, each but the last with its top bit set. */
    private static int skipLength(ByteBuffer body, int at) {
        int p = at;
        for (int i = 0; i < 4 && (body.get(p++) & 0x80) != 0; i++) {
            // continue while the continuation bit is set
        }
        return p;
    }
}
