package org.automb.media.mp4;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * One part's AAC track as the joiner reads it from the part's moov.
 *
 * @param stsd        its sample description, as written in the file
 * @param table       its sample tables
 * @param chunks      where its chunks lie in the file, in chunk order
 * @param timescale   its media timescale (the sample rate, for AAC)
 */
public record AudioPart(Path file, Box stsd, SampleTable table, List<SampleTable.ByteRange> chunks, long timescale,
                        PartTiming timing) {

    public AudioPart {
        chunks = List.copyOf(chunks);
    }

    /**
     * Reads the audio track of {@code file}: an MP4 with exactly one sound track of AAC ({@code mp4a}) frames of one
     * length, at most one edit that is not an empty one, and every chunk inside the file.
     */
    public static AudioPart read(Path file) throws IOException, NotJoinableException {
        Mp4File mp4 = Mp4File.read(file);
        List<Box> audio = mp4.tracks("soun");
        if (audio.size() != 1) {
            throw new NotJoinableException(audio.size() + " audio tracks");
        }
        Box trak = audio.get(0);
        long timescale = HeaderTimes.timescale(trak.require("mdia").require("mdhd"));
        long movieTimescale = HeaderTimes.timescale(mp4.moov().require("mvhd"));
        if (timescale == 0 || movieTimescale == 0) {
            throw new NotJoinableException("a timescale of 0");
        }
        Box stbl = Track.stbl(trak);
        Box stsd = stbl.require("stsd");
        if (stsd.body().length < 16 || ByteBuffer.wrap(stsd.body()).getInt(4) != 1
            || !Box.fourCc(ByteBuffer.wrap(stsd.body()).getInt(12)).equals("mp4a")) {
            throw new NotJoinableException("a sample description other than one 'mp4a'");
        }
        SampleTable table = SampleTable.read(stbl);
        long frame = frameDuration(table);
        long priming = 0;
        OptionalLong editEnd = OptionalLong.empty();
        java.util.Optional<Box> elst = trak.child("edts").flatMap(edts -> edts.child("elst"));
        if (elst.isPresent()) {
            List<EditList.Edit> edits = EditList.read(elst.get()).edits();
            if (edits.size() != 1) {
                throw new NotJoinableException("an edit list of " + edits.size() + " entries");
            }
            EditList.Edit edit = edits.get(0);
            if (edit.mediaTime() < 0 || edit.rate() != EditList.NORMAL_RATE) {
                throw new NotJoinableException("an empty or non-normal-speed edit");
            }
            priming = edit.mediaTime();
            if (edit.segmentDuration() > 0) {
                editEnd = OptionalLong.of(priming + JoinTimeline.rescale(edit.segmentDuration(), timescale, movieTimescale));
            }
        }
        if (priming >= table.duration()) {
            throw new NotJoinableException("an edit that starts after the audio");
        }
        List<SampleTable.ByteRange> chunks = table.chunkRanges();
        for (SampleTable.ByteRange chunk : chunks) {
            if (chunk.offset() < 0 || chunk.offset() + chunk.length() > mp4.size()) {
                throw new NotJoinableException("a chunk outside the file (cut short?)");
            }
        }
        long precision = (timescale + movieTimescale - 1) / movieTimescale;
        PartTiming timing = new PartTiming(table.sampleCount(), frame, table.duration(), priming, editEnd, precision);
        return new AudioPart(file, stsd, table, chunks, timescale, timing);
    }

    /** Samples per chunk of a part made from bare packets (about 1.5 s of AAC at 44.1 kHz). */
    private static final int PACKETS_PER_CHUNK = 64;

    /**
     * A part made of bare AAC packets stored back to back in {@code file} (no container): {@code sizes} gives each
     * packet's size, every packet lasts {@code frame} but the last, which lasts {@code lastDuration}, and the audio
     * starts {@code priming} into the first packet.
     *
     * @param stsd the sample description of the encoder that wrote the packets
     */
    public static AudioPart ofPackets(Path file, Box stsd, int[] sizes, long frame, long lastDuration, long priming,
                                      long timescale) throws NotJoinableException {
        int count = sizes.length;
        if (count == 0 || lastDuration <= 0 || lastDuration > frame || priming >= (count - 1) * frame + lastDuration) {
            throw new NotJoinableException("packets that hold no audio");
        }
        List<SampleTable.TimeRun> times = new java.util.ArrayList<>();
        if (lastDuration == frame) {
            times.add(new SampleTable.TimeRun(count, frame));
        } else {
            if (count > 1) {
                times.add(new SampleTable.TimeRun(count - 1, frame));
            }
            times.add(new SampleTable.TimeRun(1, lastDuration));
        }
        int perChunk = Math.min(PACKETS_PER_CHUNK, count);
        int fullChunks = count / perChunk;
        int rest = count % perChunk;
        List<SampleTable.ChunkRun> runs = new java.util.ArrayList<>();
        runs.add(new SampleTable.ChunkRun(1, perChunk, 1));
        if (rest > 0) {
            runs.add(new SampleTable.ChunkRun(fullChunks + 1L, rest, 1));
        }
        long[] offsets = new long[fullChunks + (rest > 0 ? 1 : 0)];
        long offset = 0;
        for (int i = 0; i < count; i++) {
            if (i % perChunk == 0) {
                offsets[i / perChunk] = offset;
            }
            offset += Integer.toUnsignedLong(sizes[i]);
        }
        SampleTable table = new SampleTable(times, SampleTable.sizes(sizes), runs, offsets);
        PartTiming timing = new PartTiming(count, frame, table.duration(), priming, OptionalLong.empty(), 1);
        return new AudioPart(file, stsd, table, table.chunkRanges(), timescale, timing);
    }

    /** The one frame length of the track: every sample lasts it, but the last may be shorter (the audio's end). */
    private static long frameDuration(SampleTable table) throws NotJoinableException {
        List<SampleTable.TimeRun> runs = table.times();
        if (runs.isEmpty() || table.sampleCount() == 0) {
            throw new NotJoinableException("no audio frames");
        }
        long frame = runs.get(0).delta();
        SampleTable.TimeRun last = runs.get(runs.size() - 1);
        boolean shortLast = runs.size() == 2 && last.count() == 1 && last.delta() > 0 && last.delta() < frame;
        if (frame == 0 || runs.size() > 2 || runs.size() == 2 && !shortLast) {
            throw new NotJoinableException("frames of different lengths");
        }
        return frame;
    }

    /** The description's bytes as compared between parts (see {@link SampleDescription}). */
    byte[] comparableDescription() {
        return SampleDescription.withoutBitRates(stsd);
    }
}
