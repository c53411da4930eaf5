package org.automb.tagging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.automb.media.mp4.Box;
import org.automb.media.mp4.Mp4File;
import org.automb.media.mp4.NotJoinableException;
import org.automb.media.mp4.SampleTable;

/**
 * Puts back the chunk offsets of a tagged copy whose media data moved (its moov, in front, grew) when the tag
 * writer did not move them all: jaudiotagger shifts 32-bit tables ({@code stco}) only, not 64-bit ones
 * ({@code co64}). Every track's offsets become the original's plus the distance the one {@code mdat} moved; the moov
 * keeps its size, so it is rewritten in place. The caller checks the copy again afterwards.
 */
final class ChunkOffsetRepair {

    private ChunkOffsetRepair() {
    }

    /** Rewrites {@code copy}'s chunk offsets from {@code original}'s; false when the layouts do not allow it. */
    static boolean repair(Path original, Path copy) throws IOException {
        try {
            Mp4File before = Mp4File.read(original);
            Mp4File after = Mp4File.read(copy);
            List<Mp4File.TopBox> mdatBefore = mediaData(before);
            List<Mp4File.TopBox> mdatAfter = mediaData(after);
            if (mdatBefore.size() != 1 || mdatAfter.size() != 1 || mdatBefore.get(0).size() != mdatAfter.get(0).size()) {
                return false;
            }
            long moved = mdatAfter.get(0).offset() - mdatBefore.get(0).offset();
            List<Box> originalTracks = before.moov().childrenOf("trak");
            if (originalTracks.size() != after.moov().childrenOf("trak").size()) {
                return false;
            }
            List<Box> children = new ArrayList<>();
            int track = 0;
            for (Box child : after.moov().children()) {
                children.add(child.type().equals("trak") ? movedBy(child, originalTracks.get(track++), moved) : child);
            }
            Box moov = after.moov().withChildren(children);
            Mp4File.TopBox place = after.first("moov");
            if (moov.size() != place.size()) {
                return false;
            }
            try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(moov.toBytes());
                long at = place.offset();
                while (bytes.hasRemaining()) {
                    at += channel.write(bytes, at);
                }
            }
            return true;
        } catch (NotJoinableException | IllegalArgumentException e) {
            return false;
        }
    }

    private static List<Mp4File.TopBox> mediaData(Mp4File file) {
        return file.topLevel().stream().filter(box -> box.type().equals("mdat")).toList();
    }

    /** {@code trak} with the chunk offsets of {@code original} moved by {@code moved}, in its own table kind. */
    private static Box movedBy(Box trak, Box original, long moved) throws NotJoinableException {
        long[] offsets = SampleTable.read(stbl(original)).chunkOffsets().clone();
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] += moved;
        }
        Box mdia = trak.require("mdia");
        Box minf = mdia.require("minf");
        Box stbl = minf.require("stbl");
        boolean wide = stbl.child("co64").isPresent();
        for (long offset : offsets) {
            if (offset < 0 || !wide && offset > 0xFFFF_FFFFL) {
                throw new NotJoinableException("a chunk offset that does not fit its table");
            }
        }
        Box table = SampleTable.read(stbl).withChunkOffsets(offsets).offsetBox(wide);
        String kind = wide ? "co64" : "stco";
        Box newStbl = stbl.withChildren(stbl.children().stream().map(b -> b.type().equals(kind) ? table : b).toList());
        Box newMinf = replaced(minf, stbl, newStbl);
        return replaced(trak, mdia, replaced(mdia, minf, newMinf));
    }

    private static Box stbl(Box trak) throws NotJoinableException {
        return trak.require("mdia").require("minf").require("stbl");
    }

    private static Box replaced(Box parent, Box old, Box updated) {
        return parent.withChildren(parent.children().stream().map(b -> b == old ? updated : b).toList());
    }
}
