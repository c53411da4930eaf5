package org.automb.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.automb.media.AudioSource;
import org.automb.plan.CodecDecision.Mode;

/**
 * Decides whether a book's audio can be kept (one AAC .m4b), joined without decoding (compatible AAC parts) or
 * must be encoded. Joining AAC packets only works when every part has the same profile, sample rate and channel
 * layout; anything else would produce a file players choke on.
 */
public class CodecDecider {

    /**
     * Decides the mode for a book's sources, in play order.
     *
     * @param forceEncode true when the configuration demands re-encoding ({@code CONVERT_MODE=always})
     * @throws IllegalArgumentException when there are no sources
     */
    public CodecDecision decide(List<AudioSource> sources, boolean forceEncode) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a book needs at least one audio source");
        }
        if (forceEncode) {
            return new CodecDecision(Mode.ENCODE, "re-encoding is forced by configuration: encoding to AAC");
        }
        AudioSource first = sources.get(0);
        if (sources.size() == 1 && isAac(first) && isM4b(first.file())) {
            return new CodecDecision(Mode.PASSTHROUGH,
                    "the book already is an " + describe(first) + " .m4b: audio kept without re-encoding");
        }
        if (!sources.stream().allMatch(CodecDecider::isAac)) {
            return new CodecDecision(Mode.ENCODE, describeCodecs(sources) + ": encoding to AAC");
        }
        if (sources.stream().anyMatch(AudioSource::rawAdts) && !sources.stream().allMatch(AudioSource::rawAdts)) {
            // ffmpeg's concat demuxer cannot copy raw ADTS frames and MP4 packets into one stream (bitstream errors,
            // timestamps in two time bases)
            return new CodecDecision(Mode.ENCODE, "the AAC parts mix raw .aac streams and MP4 files: encoding to AAC");
        }
        if (sources.stream().allMatch(source -> sameFormat(first, source))) {
            String parts = sources.size() == 1 ? "the only part is " : "all " + sources.size() + " parts are ";
            return new CodecDecision(Mode.STREAM_COPY, parts + describe(first) + ": joined without re-encoding");
        }
        return new CodecDecision(Mode.ENCODE, "the AAC parts differ ("
                + sources.stream().map(CodecDecider::describe).distinct().collect(Collectors.joining(", "))
                + "): encoding to AAC");
    }

    private static boolean isAac(AudioSource source) {
        return "aac".equals(source.codec());
    }

    private static boolean isM4b(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".m4b");
    }

    private static boolean sameFormat(AudioSource a, AudioSource b) {
        return a.profile().equals(b.profile()) && a.sampleRate() == b.sampleRate() && a.channels() == b.channels();
    }

    private static String describeCodecs(List<AudioSource> sources) {
        List<String> codecs = sources.stream().map(AudioSource::codec).map(c -> c.isBlank() ? "unknown" : c)
                .distinct().toList();
        return codecs.size() == 1
                ? codecs.get(0) + " is not AAC"
                : "mixed codecs " + String.join(", ", codecs);
    }

    /** "AAC LC 44100 Hz stereo" */
    private static String describe(AudioSource source) {
        String profile = source.profile().isBlank() ? "" : " " + source.profile();
        return "AAC" + profile + " " + source.sampleRate() + " Hz " + channelName(source.channels());
    }

    private static String channelName(int channels) {
        return switch (channels) {
            case 1 -> "mono";
            case 2 -> "stereo";
            default -> channels + " channels";
        };
    }
}
