package org.automb.testing;

import org.automb.audiocheck.Correlation;

/**
 * Finds where a source's audio starts in a decoded book: the position near an expected one where the source's
 * opening (its first samples decoded alone) matches best, by normalised cross-correlation computed with an FFT
 * (as the benchmark's exactness check does). Needs sources whose openings differ from their own shifts: noise
 * (see {@link TestAudio#findable}), not a pure tone.
 */
public final class StartFinder {

    /** Below this the opening is not in the searched stretch at all. */
    private static final double MIN_CORRELATION = 0.5;

    private StartFinder() {
    }

    /** Where {@code opening} starts in {@code audio}, within {@code search} samples of {@code expected}. */
    public static long find(short[] audio, short[] opening, long expected, int search) {
        int start = (int) Math.max(0, expected - search);
        int stop = (int) Math.min(audio.length, expected + search + opening.length);
        if (stop - start < opening.length) {
            throw new AssertionError("the audio ends at " + audio.length + ", before a source expected at " + expected);
        }
        float[] window = new float[stop - start];
        for (int i = 0; i < window.length; i++) {
            window[i] = audio[start + i];
        }
        double[] scores = Correlation.normalisedCorrelation(window, opening);
        int best = 0;
        for (int k = 1; k < scores.length; k++) {
            if (scores[k] > scores[best]) {
                best = k;
            }
        }
        if (scores[best] < MIN_CORRELATION) {
            throw new AssertionError("no source opening within " + search + " samples of " + expected
                + " (best correlation " + scores[best] + ")");
        }
        return start + best;
    }
}
