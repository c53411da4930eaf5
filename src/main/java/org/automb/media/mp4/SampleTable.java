package org.automb.media.mp4;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A track's sample tables: how long each sample lasts ({@code stts}), how big it is ({@code stsz}), how samples
 * are grouped into chunks ({@code stsc}) and where each chunk lies ({@code stco}/{@code co64}).
 *
 * <p>The sizes stay in the stsz box as read: a long book has over a million of them, and on a fresh JVM every
 * megabyte of new heap costs milliseconds to fault in, so they are neither decoded nor copied more than once.
 *
 * @param times        runs of samples of one duration, in the media timescale
 * @param stsz         the sizes box: one size for every sample, or each sample's size
 * @param chunkRuns    the stsc entries, first chunk numbered 1 as in the file
 * @param chunkOffsets each chunk's offset in its file
 */
public record SampleTable(List<TimeRun> times, Box stsz, List<ChunkRun> chunkRuns, long[] chunkOffsets) {

    /** {@code count} consecutive samples lasting {@code delta} each. */
    public record TimeRun(long count, long delta) {
    }

    /** From chunk {@code firstChunk} on, each chunk holds {@code samplesPerChunk} samples. */
    public record ChunkRun(long firstChunk, long samplesPerChunk, long descriptionIndex) {
    }

    /** A chunk's bytes in its file. */
    public record ByteRange(long offset, long length) {
    }

    public SampleTable {
        times = List.copyOf(times);
        chunkRuns = List.copyOf(chunkRuns);
    }

    /** An stsz box listing each sample's size. */
    public static Box sizes(int... sizes) {
        ByteBuffer body = ByteBuffer.allocate(12 + 4 * sizes.length).putInt(0).putInt(0).putInt(sizes.length);
        body.asIntBuffer().put(sizes);
        return Box.leaf("stsz", body.array());
    }

    /** An stsz box giving {@code count} samples one {@code size}. */
    public static Box constantSizes(int size, long count) {
        return Box.leaf("stsz", ByteBuffer.allocate(12).putInt(0).putInt(size).putInt((int) count).array());
    }

    /** The size of every sample, or 0 when each sample's size is listed. */
    public int constantSize() {
        return ByteBuffer.wrap(stsz.body()).getInt(4);
    }

    public long sampleCount() {
        return Integer.toUnsignedLong(ByteBuffer.wrap(stsz.body()).getInt(8));
    }

    /** The sum of the samples' durations, in the media timescale. */
    public long duration() {
        return times.stream().mapToLong(run -> run.count() * run.delta()).sum();
    }

    public long sampleSize(int index) {
        int constant = constantSize();
        return constant != 0 ? constant : Integer.toUnsignedLong(ByteBuffer.wrap(stsz.body()).getInt(12 + 4 * index));
    }

    /** Every chunk's bytes, in chunk order. */
    public List<ByteRange> chunkRanges() throws NotJoinableException {
        List<ByteRange> ranges = new ArrayList<>(chunkOffsets.length);
        ByteBuffer sizes = ByteBuffer.wrap(stsz.body());
        int constant = constantSize();
        long samples = sampleCount();
        int sample = 0;
        for (int r = 0; r < chunkRuns.size(); r++) {
            ChunkRun run = chunkRuns.get(r);
            long next = r + 1 < chunkRuns.size() ? chunkRuns.get(r + 1).firstChunk() : chunkOffsets.length + 1L;
            if (run.firstChunk() < 1 || next <= run.firstChunk() || next > chunkOffsets.length + 1L) {
                throw new NotJoinableException("an 'stsc' that does not fit its chunks");
            }
            for (long chunk = run.firstChunk(); chunk < next; chunk++) {
                if (sample + run.samplesPerChunk() > samples) {
                    throw new NotJoinableException("an 'stsc' with more samples than 'stsz'");
                }
                long length = constant * run.samplesPerChunk();
                for (long i = 0; constant == 0 && i < run.samplesPerChunk(); i++) {
                    length += Integer.toUnsignedLong(sizes.getInt(12 + 4 * sample++));
                }
                sample += constant != 0 ? (int) run.samplesPerChunk() : 0;
                ranges.add(new ByteRange(chunkOffsets[(int) chunk - 1], length));
            }
        }
        if (sample != samples || ranges.size() != chunkOffsets.length) {
            throw new NotJoinableException("an 'stsc' that does not cover every sample");
        }
        return ranges;
    }

    /**
     * How many samples lie wholly inside the first {@code fileSize} bytes of their file (all of them in a whole
     * file; fewer in a copy cut short). The tables are walked as {@link #chunkRanges} walks them; a table that does
     * not fit its chunks counts the samples met up to the misfit.
     */
    public long samplesWithin(long fileSize) {
        ByteBuffer sizes = ByteBuffer.wrap(stsz.body());
        int constant = constantSize();
        long samples = sampleCount();
        long inside = 0;
        long sample = 0;
        for (int r = 0; r < chunkRuns.size(); r++) {
            ChunkRun run = chunkRuns.get(r);
            long next = r + 1 < chunkRuns.size() ? chunkRuns.get(r + 1).firstChunk() : chunkOffsets.length + 1L;
            for (long chunk = run.firstChunk(); chunk < next && chunk >= 1 && chunk <= chunkOffsets.length; chunk++) {
                long offset = chunkOffsets[(int) chunk - 1];
                for (long i = 0; i < run.samplesPerChunk() && sample < samples; i++, sample++) {
                    long size = constant != 0 ? constant : Integer.toUnsignedLong(sizes.getInt(12 + 4 * (int) sample));
                    if (offset >= 0 && offset + size <= fileSize) {
                        inside++;
                    }
                    offset += size;
                }
            }
        }
        return inside;
    }

    /** The duration of the first {@code samples} samples, in the media timescale. */
    public long durationOfFirst(long samples) {
        long duration = 0;
        long left = samples;
        for (TimeRun run : times) {
            long taken = Math.min(left, run.count());
            duration += taken * run.delta();
            left -= taken;
        }
        return duration;
    }

    /** The same table with the last sample lasting {@code frame}: a part's end padding kept whole. */
    public SampleTable withWholeLastFrame(long frame) {
        List<TimeRun> whole = new ArrayList<>(times);
        TimeRun last = whole.remove(whole.size() - 1);
        if (last.count() > 1) {
            whole.add(new TimeRun(last.count() - 1, last.delta()));
        }
        whole.add(new TimeRun(1, frame));
        return new SampleTable(merged(whole), stsz, chunkRuns, chunkOffsets);
    }

    public SampleTable withChunkOffsets(long[] offsets) {
        if (offsets.length != chunkOffsets.length) {
            throw new IllegalArgumentException("expected " + chunkOffsets.length + " chunk offsets, got " + offsets.length);
        }
        return new SampleTable(times, stsz, chunkRuns, offsets);
    }

    /**
     * The tables of {@code parts} played one after the other: their samples and chunks in order, each part's chunk
     * numbers moved past the chunks before it. Chunk offsets are still each part's own until replaced.
     */
    public static SampleTable concat(List<SampleTable> parts) {
        List<TimeRun> times = new ArrayList<>();
        List<ChunkRun> chunks = new ArrayList<>();
        long samples = parts.stream().mapToLong(SampleTable::sampleCount).sum();
        ByteBuffer sizes = ByteBuffer.allocate(Math.toIntExact(12 + 4 * samples)).putInt(0).putInt(0).putInt((int) samples);
        long[] offsets = new long[parts.stream().mapToInt(p -> p.chunkOffsets().length).sum()];
        int chunkBase = 0;
        for (SampleTable part : parts) {
            times.addAll(part.times());
            for (ChunkRun run : part.chunkRuns()) {
                ChunkRun rebased = new ChunkRun(run.firstChunk() + chunkBase, run.samplesPerChunk(), run.descriptionIndex());
                ChunkRun previous = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
                // a run that repeats the one before it says nothing new
                if (previous == null || previous.samplesPerChunk() != rebased.samplesPerChunk()
                    || previous.descriptionIndex() != rebased.descriptionIndex()) {
                    chunks.add(rebased);
                }
            }
            int constant = part.constantSize();
            if (constant != 0) {
                for (long i = 0; i < part.sampleCount(); i++) {
                    sizes.putInt(constant);
                }
            } else {
                sizes.put(part.stsz().body(), 12, (int) (4 * part.sampleCount()));
            }
            System.arraycopy(part.chunkOffsets(), 0, offsets, chunkBase, part.chunkOffsets().length);
            chunkBase += part.chunkOffsets().length;
        }
        return new SampleTable(merged(times), Box.leaf("stsz", sizes.array()), chunks, offsets);
    }

    /** Adjacent runs of the same duration as one. */
    private static List<TimeRun> merged(List<TimeRun> runs) {
        List<TimeRun> out = new ArrayList<>();
        for (TimeRun run : runs) {
            TimeRun previous = out.isEmpty() ? null : out.get(out.size() - 1);
            if (previous != null && previous.delta() == run.delta()) {
                out.set(out.size() - 1, new TimeRun(previous.count() + run.count(), run.delta()));
            } else if (run.count() > 0) {
                out.add(run);
            }
        }
        return out;
    }

    /** Reads the tables of an stbl. */
    public static SampleTable read(Box stbl) throws NotJoinableException {
        try {
            List<TimeRun> times = new ArrayList<>();
            ByteBuffer stts = entries(stbl.require("stts"));
            for (int i = stts.getInt(4); i > 0; i--) {
                times.add(new TimeRun(Integer.toUnsignedLong(stts.getInt()), Integer.toUnsignedLong(stts.getInt())));
            }
            Box stsz = stbl.require("stsz");
            ByteBuffer sizes = ByteBuffer.wrap(stsz.body());
            int constant = sizes.getInt(4);
            long count = Integer.toUnsignedLong(sizes.getInt(8));
            if (constant == 0 && stsz.body().length < 12 + 4 * count) {
                throw new NotJoinableException("a sample table shorter than its entry count");
            }
            List<ChunkRun> runs = new ArrayList<>();
            ByteBuffer stsc = entries(stbl.require("stsc"));
            for (int i = stsc.getInt(4); i > 0; i--) {
                runs.add(new ChunkRun(Integer.toUnsignedLong(stsc.getInt()), Integer.toUnsignedLong(stsc.getInt()),
                    Integer.toUnsignedLong(stsc.getInt())));
            }
            SampleTable table = new SampleTable(times, stsz, runs, chunkOffsets(stbl));
            if (times.stream().mapToLong(TimeRun::count).sum() != count) {
                throw new NotJoinableException("'stts' and 'stsz' count different samples");
            }
            return table;
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new NotJoinableException("a sample table shorter than its entry count");
        }
    }

    private static long[] chunkOffsets(Box stbl) throws NotJoinableException {
        if (stbl.child("stco").isPresent()) {
            ByteBuffer stco = entries(stbl.require("stco"));
            long[] offsets = new long[stco.getInt(4)];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = Integer.toUnsignedLong(stco.getInt());
            }
            return offsets;
        }
        ByteBuffer co64 = entries(stbl.require("co64"));
        long[] offsets = new long[co64.getInt(4)];
        co64.asLongBuffer().get(offsets);
        return offsets;
    }

    /** A full box's body positioned at its first entry (after version, flags and the entry count). */
    private static ByteBuffer entries(Box box) {
        return ByteBuffer.wrap(box.body()).position(8);
    }

    /** The tables as boxes: stts, stsc, stsz, and stco, or co64 when {@code wideOffsets}. */
    public List<Box> toBoxes(boolean wideOffsets) {
        List<Box> boxes = new ArrayList<>(timingBoxes());
        boxes.add(offsetBox(wideOffsets));
        return boxes;
    }

    /** stts, stsc and stsz: what does not depend on where the chunks lie. */
    public List<Box> timingBoxes() {
        ByteBuffer stts = header(times.size(), 8);
        times.forEach(run -> stts.putInt((int) run.count()).putInt((int) run.delta()));
        ByteBuffer stsc = header(chunkRuns.size(), 12);
        chunkRuns.forEach(run -> stsc.putInt((int) run.firstChunk()).putInt((int) run.samplesPerChunk())
            .putInt((int) run.descriptionIndex()));
        return List.of(Box.leaf("stts", stts.array()), Box.leaf("stsc", stsc.array()), stsz);
    }

    /** stco, or co64 when {@code wideOffsets}. */
    public Box offsetBox(boolean wideOffsets) {
        ByteBuffer offsets = header(chunkOffsets.length, wideOffsets ? 8 : 4);
        for (long offset : chunkOffsets) {
            if (wideOffsets) {
                offsets.putLong(offset);
            } else {
                offsets.putInt((int) offset);
            }
        }
        return Box.leaf(wideOffsets ? "co64" : "stco", offsets.array());
    }

    private static ByteBuffer header(int entries, int entrySize) {
        return ByteBuffer.allocate(8 + entries * entrySize).putInt(0).putInt(entries);
    }
}
