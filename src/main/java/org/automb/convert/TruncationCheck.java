package org.automb.convert;

import java.util.Locale;
import java.util.Optional;

/**
 * A cut-off download decodes without an error, only shorter than its header says: a source that decodes more
 * than a second (and 5 %) short of its probed duration is reported as truncated.
 */
public final class TruncationCheck {

    private static final double MAX_MISSING_SECONDS = 1.0;
    private static final double MAX_MISSING_SHARE = 0.05;

    private TruncationCheck() {
    }

    /** The reason to refuse the file, or empty when its decoded length is plausible. */
    public static Optional<String> problem(long decodedSamples, int sampleRate, double announcedSeconds) {
        double decoded = (double) decodedSamples / sampleRate;
        if (announcedSeconds - decoded > Math.max(MAX_MISSING_SECONDS, announcedSeconds * MAX_MISSING_SHARE)) {
            return Optional.of(String.format(Locale.ROOT,
                "the file ends early: only %.1f s of its %.1f s could be decoded (it is truncated or damaged)",
                decoded, announcedSeconds));
        }
        return Optional.empty();
    }
}
