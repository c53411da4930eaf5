package org.automb.audiocheck;

/**
 * Normalised cross-correlation by FFT: where a source's opening matches best in a stretch of decoded audio. Shared
 * by the benchmark's exactness check (bench/) and the tests' player check (src/test/), which must find chapter starts
 * the same way; it is no part of the service.
 */
public final class Correlation {

    private Correlation() {
    }

    /** score[k] = Σ w[k+t]·o[t] / sqrt(Σ o² · Σ w[k..k+len)²), for every k where the opening fits in the window. */
    public static double[] normalisedCorrelation(float[] window, short[] opening) {
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
            // W · conj(O)
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
