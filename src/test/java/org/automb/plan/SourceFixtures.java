package org.automb.plan;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.automb.media.AudioSource;

/** Crafted {@link AudioSource}s for tests: sensible defaults, change what the test is about. */
public final class SourceFixtures {

    private static LibavProbe libav;

    private SourceFixtures() {
    }

    /** A real file as the planner sees it: probed by the bundled libavformat. */
    public static AudioSource probed(Path file) throws Exception {
        synchronized (SourceFixtures.class) {
            if (libav == null) {
                libav = LibavProbe.load().orElseThrow(() -> new AssertionError("the bundled libraries do not load"));
            }
        }
        return new ProbeParser().parse(file, java.nio.file.Files.size(file), libav.probe(file));
    }

    /** A 10-minute mono 64 kbps mp3 without tags or cover. */
    public static AudioSource mp3(String fileName) {
        return new AudioSource(Path.of("/books/in", fileName), 4_800_000, "mp3", "", 44100, 1, 64_000, 600,
                0, -1, Map.of());
    }

    /** A 10-minute stereo AAC LC 44.1 kHz 128 kbps file. */
    public static AudioSource aac(String fileName) {
        return new AudioSource(Path.of("/books/in", fileName), 9_600_000, "aac", "LC", 44100, 2, 128_000, 600,
                0, -1, Map.of());
    }

    public static AudioSource withCodec(AudioSource s, String codec, String profile) {
        return new AudioSource(s.file(), s.sizeBytes(), codec, profile, s.sampleRate(), s.channels(), s.bitRate(),
                s.durationSeconds(), s.audioStreamIndex(), s.coverStreamIndex(), s.tags());
    }

    public static AudioSource withFormat(AudioSource s, int sampleRate, int channels) {
        return new AudioSource(s.file(), s.sizeBytes(), s.codec(), s.profile(), sampleRate, channels, s.bitRate(),
                s.durationSeconds(), s.audioStreamIndex(), s.coverStreamIndex(), s.tags());
    }

    public static AudioSource withBitRate(AudioSource s, long bitRate) {
        return new AudioSource(s.file(), s.sizeBytes(), s.codec(), s.profile(), s.sampleRate(), s.channels(), bitRate,
                s.durationSeconds(), s.audioStreamIndex(), s.coverStreamIndex(), s.tags());
    }

    public static AudioSource withCover(AudioSource s, int coverStreamIndex) {
        return new AudioSource(s.file(), s.sizeBytes(), s.codec(), s.profile(), s.sampleRate(), s.channels(),
                s.bitRate(), s.durationSeconds(), s.audioStreamIndex(), coverStreamIndex, s.tags());
    }

    /** The source with these tags added; pairs of key, value. */
    public static AudioSource withTags(AudioSource s, String... keyValues) {
        Map<String, String> tags = new LinkedHashMap<>(s.tags());
        for (int i = 0; i < keyValues.length; i += 2) {
            tags.put(keyValues[i], keyValues[i + 1]);
        }
        return new AudioSource(s.file(), s.sizeBytes(), s.codec(), s.profile(), s.sampleRate(), s.channels(),
                s.bitRate(), s.durationSeconds(), s.audioStreamIndex(), s.coverStreamIndex(), tags);
    }
}
