package org.automb.media.mp4;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The output's moov: the shell's, with the audio track's tables, edit list and durations those of the joined
 * parts, and every other track's chunks moved to where the output holds them (first in its mdat, before the
 * audio).
 */
final class JoinedMovie {

    private final Box shellMoov;
    private final Box shellAudio;
    private final JoinableAudio audio;
    private final List<SampleTable.ByteRange> shellChunks;

    /** The joined audio track's content. */
    private record JoinableAudio(Box stsd, SampleTable table, List<Box> timingBoxes, List<SampleTable.ByteRange> chunks,
                                 EditList edits, long mediaDuration) {
    }

    private JoinedMovie(Box shellMoov, Box shellAudio, JoinableAudio audio, List<SampleTable.ByteRange> shellChunks) {
        this.shellMoov = shellMoov;
        this.shellAudio = shellAudio;
        this.audio = audio;
        this.shellChunks = List.copyOf(shellChunks);
    }

    static JoinedMovie of(Mp4File shell, AacPartJoiner.JoinableParts parts) throws NotJoinableException {
        List<Box> audioTracks = shell.tracks("soun");
        if (audioTracks.size() != 1) {
            throw new NotJoinableException("the shell has " + audioTracks.size() + " audio tracks");
        }
        Box shellAudio = audioTracks.get(0);
        if (HeaderTimes.timescale(shellAudio.require("mdia").require("mdhd")) != parts.timescale()) {
            throw new NotJoinableException("the shell's audio timescale is not the parts'");
        }
        long movieTimescale = HeaderTimes.timescale(shell.moov().require("mvhd"));
        List<AudioPart> list = parts.parts();
        List<SampleTable> tables = new ArrayList<>();
        for (int k = 0; k < list.size(); k++) {
            SampleTable table = list.get(k).table();
            tables.add(k < list.size() - 1 ? table.withWholeLastFrame(list.get(k).timing().frame()) : table);
        }
        SampleTable joined = SampleTable.concat(tables);
        JoinTimeline timeline = parts.timeline();
        List<SampleTable.ByteRange> audioChunks = list.stream().flatMap(part -> part.chunks().stream()).toList();
        // the sizes table is a few MB for a long book: written once, whatever the moov is built for
        JoinableAudio audio = new JoinableAudio(list.get(0).stsd(), joined, joined.timingBoxes(), audioChunks,
            timeline.editList(movieTimescale, parts.timescale()), timeline.mediaDuration());
        List<SampleTable.ByteRange> shellChunks = new ArrayList<>();
        for (Box trak : shell.moov().childrenOf("trak")) {
            if (trak != shellAudio) {
                List<SampleTable.ByteRange> chunks = SampleTable.read(Track.stbl(trak)).chunkRanges();
                for (SampleTable.ByteRange chunk : chunks) {
                    if (chunk.offset() + chunk.length() > shell.size()) {
                        throw new NotJoinableException("a chunk outside the shell");
                    }
                }
                shellChunks.addAll(chunks);
            }
        }
        return new JoinedMovie(shell.moov(), shellAudio, audio, shellChunks);
    }

    /** The other tracks' chunks in the shell, in the order the output holds them. */
    List<SampleTable.ByteRange> shellChunks() {
        return shellChunks;
    }

    /** The mdat's content size: the other tracks' chunks, then the audio. */
    long dataSize() {
        long size = shellChunks.stream().mapToLong(SampleTable.ByteRange::length).sum();
        return size + audio.chunks().stream().mapToLong(SampleTable.ByteRange::length).sum();
    }

    /**
     * The moov for media data starting at {@code dataStart} in the output.
     *
     * @param wideOffsets write the audio's chunk offsets as co64
     */
    Box moov(long dataStart, boolean wideOffsets) throws NotJoinableException {
        long position = dataStart;
        List<Box> children = new ArrayList<>();
        long longest = 0;
        for (Box child : shellMoov.children()) {
            if (!child.type().equals("trak")) {
                children.add(child);
                continue;
            }
            if (child == shellAudio) {
                children.add(child); // placed below, once the other tracks' chunks are laid out
                continue;
            }
            SampleTable table = SampleTable.read(Track.stbl(child));
            long[] offsets = new long[table.chunkOffsets().length];
            List<SampleTable.ByteRange> chunks = table.chunkRanges();
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = position;
                position += chunks.get(i).length();
            }
            boolean wide = position > 0xFFFF_FFFFL;
            children.add(Track.withStbl(child, stbl -> replaceTables(stbl, table.withChunkOffsets(offsets), wide)));
            longest = Math.max(longest, HeaderTimes.duration(child.require("tkhd")));
        }
        long[] audioOffsets = new long[audio.table().chunkOffsets().length];
        List<SampleTable.ByteRange> audioChunks = audio.chunks();
        for (int i = 0; i < audioOffsets.length; i++) {
            audioOffsets[i] = position;
            position += audioChunks.get(i).length();
        }
        Box audioTrak = audioTrak(audio.table().withChunkOffsets(audioOffsets), wideOffsets);
        children.replaceAll(child -> child == shellAudio ? audioTrak : child);
        longest = Math.max(longest, audio.edits().totalSegmentDuration());
        long movieDuration = longest;
        List<Box> withHeader = new ArrayList<>(children.size());
        for (Box child : children) {
            withHeader.add(child.type().equals("mvhd") ? HeaderTimes.withDuration(child, movieDuration) : child);
        }
        return shellMoov.withChildren(withHeader);
    }

    /** The shell's audio trak with the joined tables, the one edit, and its durations. */
    private Box audioTrak(SampleTable table, boolean wideOffsets) throws NotJoinableException {
        List<Box> children = new ArrayList<>();
        for (Box child : shellAudio.children()) {
            switch (child.type()) {
                case "tkhd" -> {
                    children.add(HeaderTimes.withDuration(child, audio.edits().totalSegmentDuration()));
                    children.add(Box.container("edts", List.of(audio.edits().toBox())));
                }
                case "edts" -> {
                    // replaced by the one written after tkhd
                }
                case "mdia" -> children.add(audioMdia(child, table, wideOffsets));
                default -> children.add(child);
            }
        }
        return shellAudio.withChildren(children);
    }

    private Box audioMdia(Box mdia, SampleTable table, boolean wideOffsets) throws NotJoinableException {
        Box mdhd = mdia.require("mdhd");
        Box withDuration = Track.replace(mdia, mdhd, HeaderTimes.withDuration(mdhd, audio.mediaDuration()));
        Box minf = withDuration.require("minf");
        Box stbl = minf.require("stbl");
        return Track.replace(withDuration, minf, Track.replace(minf, stbl, audioStbl(stbl, table, wideOffsets)));
    }

    /**
     * The audio stbl: part 1's sample description (a real file's, where the shell's bit rates were measured on two
     * frames), the joined tables, and the sample groups kept only when one group covers every frame. ffmpeg writes
     * AAC's 'roll' group (decode one frame before a seek point) for every frame; it is a property of the codec, so
     * it holds for the joined frames too. Any other per-sample table (stss: every AAC frame is a sync frame) is
     * dropped rather than left describing the shell's two frames.
     */
    private Box audioStbl(Box stbl, SampleTable table, boolean wideOffsets) {
        List<Box> children = new ArrayList<>();
        children.add(audio.stsd());
        children.addAll(audio.timingBoxes());
        children.add(table.offsetBox(wideOffsets));
        List<Box> groups = stbl.childrenOf("sbgp");
        Box sgpd = stbl.child("sgpd").orElse(null);
        if (groups.size() == 1 && sgpd != null && stbl.childrenOf("sgpd").size() == 1) {
            Box sbgp = coveringAll(groups.get(0), table.sampleCount());
            if (sbgp != null) {
                children.add(sgpd);
                children.add(sbgp);
            }
        }
        return stbl.withChildren(children);
    }

    /** An sbgp putting all {@code samples} in the one group that {@code sbgp} puts every sample in, or null. */
    static Box coveringAll(Box sbgp, long samples) {
        ByteBuffer body = ByteBuffer.wrap(sbgp.body());
        int version = body.get(0);
        int entriesAt = version == 1 ? 12 : 8;
        if (body.limit() < entriesAt + 4) {
            return null;
        }
        int count = body.getInt(entriesAt);
        if (count < 1 || body.limit() < entriesAt + 4 + count * 8L) {
            return null;
        }
        int group = body.getInt(entriesAt + 8);
        for (int i = 1; i < count; i++) {
            if (body.getInt(entriesAt + 8 + i * 8) != group) {
                return null;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(entriesAt + 12);
        out.put(sbgp.body(), 0, entriesAt).putInt(1).putInt((int) samples).putInt(group);
        return Box.leaf("sbgp", out.array());
    }

    /** An stbl with its stco/co64 (and only those) from {@code table}. */
    private static Box replaceTables(Box stbl, SampleTable table, boolean wide) {
        Box offsets = table.offsetBox(wide);
        List<Box> children = new ArrayList<>();
        for (Box child : stbl.children()) {
            children.add(child.type().equals("stco") || child.type().equals("co64") ? offsets : child);
        }
        return stbl.withChildren(children);
    }
}
