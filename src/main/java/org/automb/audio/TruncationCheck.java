package org.automb.audio;

import java.util.Locale;
import java.util.Optional;
import org.automb.media.AudioSource;
import org.automb.media.mp4.CutShort;

/**
 * A cut-off download decodes without an error, only shorter than its header says: a source that decodes more
 * than a second (and 5 %) short of its probed duration is reported as truncated. A duration that libavformat only
 * estimated from the bit rate (a VBR MP3 without a Xing/VBRI header, a raw ADTS .aac) is no header's word: such a
 * file is judged by its decoded length alone and never reported here.
 */
public final class TruncationCheck {

    private static final double MAX_MISSING_SECONDS = 1.0;
    private static final double MAX_MISSING_SHARE = 0.05;

    private TruncationCheck() {
    }

    /** The reason to refuse {@code source}, or empty when its decoded length is plausible or cannot be judged. */
    public static Optional<String> problem(long decodedSamples, int sampleRate, AudioSource source) {
        if (source.durationEstimated()) {
            return Optional.empty();
        }
        return problem(decodedSamples, sampleRate, source.durationSeconds());
    }

    /** The reason to refuse an MP4 whose sample tables list audio past the file's end. */
    public static String problem(CutShort cut) {
        return String.format(Locale.ROOT, "it holds %.1f s of audio but its header says %.1f s: the file is truncated or damaged",
            cut.presentSeconds(), cut.declaredSeconds());
    }

    /** The reason to refuse a file whose header announces {@code announcedSeconds}, or empty. */
    public static Optional<String> problem(long decodedSamples, int sampleRate, double announcedSeconds) {
        double decoded = (double) decodedSamples / sampleRate;
        if (announcedSeconds - decoded > Math.max(MAX_MISSING_SECONDS, announcedSeconds * MAX_MISSING_SHARE)) {
            return Optional.of(String.format(Locale.ROOT,
                "it decodes to %.1f s but its header says %.1f s: the file is truncated or damaged",
                decoded, announcedSeconds));
        }
        return Optional.empty();
    }
}
