package org.automb.testing;

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
        double[] scores = normalisedCorrelation(window, opening);
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

    /** score[k] = Σ w[k+t]·o[t] / sqrt(Σ o² · Σ w[k..k+len)²), for every k where the opening fits in the window. */
    static double[] normalisedCorrelation(float[] window, short[] opening) {
        int n = Integer.highestOneBit(window.length + opening.length - 1);
        if (n < window.length + opening.length - 1) {
            n <<= 1;
        }
        double[] wr = new double[n];
        double[] wi = new double[n];
        double[] or = new double[n];
        double[] oi = new double[n];
        for (int i = 0; i < window.length; i++) {
            wr[i] = window[i];
        }
        double openingEnergy = 0;
        for (int i = 0; i < opening.length; i++) {
            or[i] = opening[i];
            openingEnergy += (double) opening[i] * opening[i];
        }
        fft(wr, wi, false);
        fft(or, oi, false);
        for (int i = 0; i < n; i++) {
            double re = wr[i] * or[i] + wi[i] * oi[i];
            double im = wi[i] * or[i] - wr[i] * oi[i];
            wr[i] = re;
            wi[i] = im;
        }
        fft(wr, wi, true);
        int lags = window.length - opening.length + 1;
        double[] prefix = new double[window.length + 1];
        for (int i = 0; i < window.length; i++) {
            prefix[i + 1] = prefix[i] + (double) window[i] * window[i];
        }
        double[] scores = new double[lags];
        for (int k = 0; k < lags; k++) {
            double energy = prefix[k + opening.length] - prefix[k];
            scores[k] = energy <= 0 || openingEnergy <= 0 ? 0 : wr[k] / Math.sqrt(energy * openingEnergy);
        }
        return scores;
    }

    /** In-place iterative radix-2 FFT; the inverse is scaled by 1/n. */
    static void fft(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = 2 * Math.PI / len * (inverse ? 1 : -1);
            double wRe = Math.cos(angle);
            double wIm = Math.sin(angle);
            for (int i = 0; i < n; i += len) {
                double cRe = 1;
                double cIm = 0;
                for (int j = 0; j < len / 2; j++) {
                    int a = i + j;
                    int b = a + len / 2;
                    double uRe = re[a];
                    double uIm = im[a];
                    double vRe = re[b] * cRe - im[b] * cIm;
                    double vIm = re[b] * cIm + im[b] * cRe;
                    re[a] = uRe + vRe;
                    im[a] = uIm + vIm;
                    re[b] = uRe - vRe;
                    im[b] = uIm - vIm;
                    double nRe = cRe * wRe - cIm * wIm;
                    cIm = cRe * wIm + cIm * wRe;
                    cRe = nRe;
                }
            }
        }
        if (inverse) {
            for (int i = 0; i < n; i++) {
                re[i] /= n;
                im[i] /= n;
            }
        }
    }
}
