package org.automb.plan;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.automb.media.AudioSource;

/**
 * Chooses the AAC bit rate, sample rate and channel count of an encoded book from its sources.
 *
 * <p>Re-encoding cannot add quality, so the target follows the best source (rounded up to a standard AAC rate,
 * since AAC at a given rate sounds at least as good as mp3 at that rate) and never exceeds the configured maximum.
 */
public class BitratePolicy {

    /** Standard AAC bit rates in kbps, ascending. */
    public static final List<Integer> STANDARD_KBPS =
            List.of(24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320);

    /** Sample rates the AAC encoder accepts, ascending. */
    public static final List<Integer> STANDARD_SAMPLE_RATES =
            List.of(8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 64000, 88200, 96000);

    private static final int DEFAULT_SAMPLE_RATE = 44100;

    /**
     * Container overhead (ID3 tags, embedded covers) makes a format-level bit rate read slightly above the real
     * audio rate; within this fraction above a standard rate we take that rate instead of the next one up.
     */
    private static final double OVERHEAD_TOLERANCE = 0.05;

    private static final Set<String> LOSSLESS_CODECS =
            Set.of("flac", "alac", "wavpack", "ape", "tta", "mlp", "truehd", "shorten", "tak");

    /**
     * The bit rate to encode at, in kbps.
     *
     * @param sources      the book's sources
     * @param maxKbps      the configured ceiling (applies to everything except an explicit override)
     * @param overrideKbps an explicit choice, which wins (rounded up to a standard rate)
     * @param channels     the output channel count, for the default when no source bit rate is known
     */
    public int targetKbps(List<AudioSource> sources, int maxKbps, OptionalInt overrideKbps, int channels) {
        if (overrideKbps.isPresent()) {
            return roundUpToStandard(overrideKbps.getAsInt(), 0);
        }
        if (sources.stream().anyMatch(BitratePolicy::isLossless)) {
            return maxKbps;
        }
        double highestKbps = sources.stream().mapToLong(AudioSource::bitRate).max().orElse(0) / 1000.0;
        int wanted = highestKbps > 0 ? roundUpToStandard(highestKbps, OVERHEAD_TOLERANCE) : defaultKbps(channels);
        return Math.min(wanted, maxKbps);
    }

    /** The highest source sample rate, raised to the next standard AAC rate (44100 Hz when none is known). */
    public int targetSampleRate(List<AudioSource> sources) {
        int highest = sources.stream().mapToInt(AudioSource::sampleRate).max().orElse(0);
        if (highest <= 0) {
            return DEFAULT_SAMPLE_RATE;
        }
        return STANDARD_SAMPLE_RATES.stream()
                .filter(rate -> rate >= highest)
                .findFirst()
                .orElse(STANDARD_SAMPLE_RATES.get(STANDARD_SAMPLE_RATES.size() - 1));
    }

    /** The most channels any source has, capped at stereo; stereo when no source says. */
    public int targetChannels(List<AudioSource> sources) {
        int highest = sources.stream().mapToInt(AudioSource::channels).max().orElse(0);
        return highest <= 0 ? 2 : Math.min(highest, 2);
    }

    /** Whether a source is lossless (flac, alac, wav/pcm...), i.e. any AAC rate is a loss. */
    public static boolean isLossless(AudioSource source) {
        String codec = source.codec();
        return codec.startsWith("pcm_") || LOSSLESS_CODECS.contains(codec);
    }

    private static int roundUpToStandard(double kbps, double tolerance) {
        for (int standard : STANDARD_KBPS) {
            if (kbps <= standard * (1 + tolerance)) {
                return standard;
            }
        }
        return STANDARD_KBPS.get(STANDARD_KBPS.size() - 1);
    }

    private static int defaultKbps(int channels) {
        return channels <= 1 ? 64 : 128;
    }
}
