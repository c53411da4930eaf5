package org.automb.media;

import java.util.Arrays;

/**
 * How loud a book's audio is, block by block: the level of each {@code blockMillis} block in dBFS (the mean square
 * of every channel's samples, so a full-scale sine is -3 dB), {@link Float#NaN} where the level was not measured.
 * Block {@code k} covers {@code [startMillis + k * blockMillis, startMillis + (k + 1) * blockMillis)} of the book.
 * Compact on purpose: 10 hours at 100 ms blocks are 360,000 floats. Finding pauses to split chapters at is what it
 * is for.
 *
 * @param startMillis where block 0 starts in the book (a multiple of {@code blockMillis})
 * @param levels      each block's level in dBFS ({@link #SILENCE} for digital silence), NaN where not measured
 */
public record LoudnessEnvelope(int blockMillis, long startMillis, float[] levels) {

    /** The block length the encoder and the reader measure in: short enough for a pause, long enough to be small. */
    public static final int BLOCK_MILLIS = 100;
    /** The level of a block of digital silence (its log would be minus infinity). */
    public static final float SILENCE = -140f;

    public LoudnessEnvelope {
        if (blockMillis <= 0 || startMillis < 0 || startMillis % blockMillis != 0) {
            throw new IllegalArgumentException("blocks of " + blockMillis + " ms from " + startMillis + " ms");
        }
        levels = levels.clone();
    }

    /** An envelope that measured nothing (every lookup is NaN). */
    public static LoudnessEnvelope none() {
        return new LoudnessEnvelope(BLOCK_MILLIS, 0, new float[0]);
    }

    /** The time the envelope's measured blocks end at. */
    public long endMillis() {
        return startMillis + (long) levels.length * blockMillis;
    }

    /** The level of the block holding {@code millis} of the book, NaN outside the envelope or where not measured. */
    public float levelAt(long millis) {
        if (millis < startMillis) {
            return Float.NaN;
        }
        long block = (millis - startMillis) / blockMillis;
        return block < levels.length ? levels[(int) block] : Float.NaN;
    }

    /** Whether any block between {@code fromMillis} and {@code toMillis} was measured. */
    public boolean measures(long fromMillis, long toMillis) {
        for (long t = Math.max(fromMillis, startMillis); t < Math.min(toMillis, endMillis()); t += blockMillis) {
            if (!Float.isNaN(levelAt(t))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public float[] levels() {
        return levels.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LoudnessEnvelope that && blockMillis == that.blockMillis && startMillis == that.startMillis
            && Arrays.equals(levels, that.levels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * blockMillis + Long.hashCode(startMillis)) + Arrays.hashCode(levels);
    }

    @Override
    public String toString() {
        return "LoudnessEnvelope[" + levels.length + " blocks of " + blockMillis + " ms from " + startMillis + " ms]";
    }
}
