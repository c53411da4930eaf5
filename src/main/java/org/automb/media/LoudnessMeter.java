package org.automb.media;

import java.util.Arrays;
import java.util.List;

/**
 * Adds up the samples of a stretch of a book into blocks of {@code blockMillis} (sum of squares and count per
 * block), as a decoder or an encoder sees them go by. Each encoder thread fills its own meter with the samples of
 * its own stretch; {@link #envelope} adds the meters together, so a block cut by a segment boundary gets the samples
 * of both sides. Not thread-safe: one meter per thread.
 */
public final class LoudnessMeter {

    private final long sampleRate;
    private final int blockMillis;
    /** The first block held in the arrays, -1 before the first sample. */
    private long firstBlock = -1;
    private double[] sums = new double[0];
    private int[] counts = new int[0];

    public LoudnessMeter(int sampleRate, int blockMillis) {
        if (sampleRate <= 0 || blockMillis <= 0) {
            throw new IllegalArgumentException("a meter at " + sampleRate + " Hz in blocks of " + blockMillis + " ms");
        }
        this.sampleRate = sampleRate;
        this.blockMillis = blockMillis;
    }

    public int blockMillis() {
        return blockMillis;
    }

    /**
     * Adds {@code count} samples of one channel, {@code samples[offset..]}, the first of them sample
     * {@code firstSample} of the book (at the meter's rate). Each channel of a frame is added this way.
     */
    public void add(long firstSample, float[] samples, int offset, int count) {
        int done = 0;
        while (done < count) {
            long sample = firstSample + done;
            long block = blockOf(sample);
            long nextBlockStart = startOf(block + 1);
            int run = (int) Math.min(count - done, nextBlockStart - sample);
            int at = slot(block);
            sums[at] += sumOfSquares(samples, offset + done, run);
            counts[at] += run;
            done += run;
        }
    }

    /**
     * Four float sums side by side: no chain of dependent additions, so the encoder's thread hardly notices (about
     * 0.3 ns a sample; a block's few thousand squares of samples of at most 1 lose nothing that matters in float).
     */
    private static double sumOfSquares(float[] samples, int from, int count) {
        float a = 0;
        float b = 0;
        float c = 0;
        float d = 0;
        int i = from;
        int end = from + count;
        for (; i + 3 < end; i += 4) {
            float w = samples[i];
            float x = samples[i + 1];
            float y = samples[i + 2];
            float z = samples[i + 3];
            a += w * w;
            b += x * x;
            c += y * y;
            d += z * z;
        }
        double sum = (double) a + b + c + d;
        for (; i < end; i++) {
            sum += samples[i] * samples[i];
        }
        return sum;
    }

    /** The block holding sample {@code sample}: exact integer time, whatever the rate (11025 Hz has no whole block). */
    private long blockOf(long sample) {
        return Math.floorDiv(sample * 1000, sampleRate * blockMillis);
    }

    /** The first sample of block {@code block}. */
    private long startOf(long block) {
        return Math.floorDiv(block * sampleRate * blockMillis + 999, 1000);
    }

    private int slot(long block) {
        if (firstBlock < 0) {
            firstBlock = block;
        }
        if (block < firstBlock) {
            int grow = (int) (firstBlock - block);
            sums = shift(sums, grow);
            counts = shift(counts, grow);
            firstBlock = block;
        }
        int at = (int) (block - firstBlock);
        if (at >= sums.length) {
            int size = Math.max(at + 1, sums.length * 2 + 16);
            sums = Arrays.copyOf(sums, size);
            counts = Arrays.copyOf(counts, size);
        }
        return at;
    }

    private static double[] shift(double[] array, int by) {
        double[] shifted = new double[array.length + by];
        System.arraycopy(array, 0, shifted, by, array.length);
        return shifted;
    }

    private static int[] shift(int[] array, int by) {
        int[] shifted = new int[array.length + by];
        System.arraycopy(array, 0, shifted, by, array.length);
        return shifted;
    }

    /** This meter's blocks alone as an envelope. */
    public LoudnessEnvelope envelope() {
        return envelope(List.of(this));
    }

    /**
     * The meters' blocks added together (the segments of one book, or windows of it), from the first block any of
     * them measured to the last; NaN where none measured. All must share the rate and block length.
     */
    public static LoudnessEnvelope envelope(List<LoudnessMeter> meters) {
        long first = Long.MAX_VALUE;
        long end = 0;
        int blockMillis = LoudnessEnvelope.BLOCK_MILLIS;
        for (LoudnessMeter meter : meters) {
            blockMillis = meter.blockMillis;
            if (meter.firstBlock >= 0) {
                first = Math.min(first, meter.firstBlock);
                end = Math.max(end, meter.firstBlock + meter.lastUsed() + 1);
            }
        }
        if (first == Long.MAX_VALUE) {
            return new LoudnessEnvelope(blockMillis, 0, new float[0]);
        }
        int blocks = Math.toIntExact(end - first);
        double[] sums = new double[blocks];
        long[] counts = new long[blocks];
        for (LoudnessMeter meter : meters) {
            if (meter.sampleRate != meters.get(0).sampleRate || meter.blockMillis != blockMillis) {
                throw new IllegalArgumentException("meters of different rates or block lengths");
            }
            for (int i = 0; meter.firstBlock >= 0 && i <= meter.lastUsed(); i++) {
                int at = (int) (meter.firstBlock - first) + i;
                sums[at] += meter.sums[i];
                counts[at] += meter.counts[i];
            }
        }
        float[] levels = new float[blocks];
        for (int i = 0; i < blocks; i++) {
            levels[i] = counts[i] == 0 ? Float.NaN : decibels(sums[i] / counts[i]);
        }
        return new LoudnessEnvelope(blockMillis, first * blockMillis, levels);
    }

    private int lastUsed() {
        int last = counts.length - 1;
        while (last > 0 && counts[last] == 0) {
            last--;
        }
        return last;
    }

    private static float decibels(double meanSquare) {
        return meanSquare <= 0 ? LoudnessEnvelope.SILENCE
            : (float) Math.max(LoudnessEnvelope.SILENCE, 10 * Math.log10(meanSquare));
    }
}
