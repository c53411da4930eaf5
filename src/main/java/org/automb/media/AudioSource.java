package org.automb.media;

import java.nio.file.Path;
import java.util.Map;

/**
 * What ffprobe says about one source audio file.
 *
 * @param file          the file
 * @param sizeBytes     its size
 * @param codec         codec name as ffprobe reports it ("mp3", "aac", "flac", "opus", "vorbis", "wmav2", "pcm_s16le")
 * @param profile       codec profile ("LC", "HE-AAC"...) or "" when none
 * @param sampleRate    Hz
 * @param channels      channel count
 * @param bitRate       bits per second of the audio stream (format bit rate when the stream has none), 0 if unknown
 * @param durationSeconds duration as ffprobe reports it
 * @param audioStreamIndex index of the first audio stream
 * @param coverStreamIndex index of an attached picture stream, or -1 when there is none
 * @param tags          format and audio-stream tags, keys lower-cased (title, album, artist, album_artist, composer,
 *                      date, comment, genre, track, disc...)
 * @param container     the container as ffprobe names it ({@code format_name}: "mp3", "aac" for a raw ADTS stream,
 *                      "mov,mp4,m4a,3gp,3g2,mj2"...), "" when unknown
 * @param durationEstimated true when the container does not state the duration and libavformat estimated it from the
 *                      bit rate (a VBR MP3 without a Xing/VBRI header, a raw ADTS .aac): it can be off by many
 *                      percent, so only the decoded length of such a file is trusted
 */
public record AudioSource(Path file, long sizeBytes, String codec, String profile, int sampleRate, int channels,
                          long bitRate, double durationSeconds, int audioStreamIndex, int coverStreamIndex,
                          Map<String, String> tags, String container, boolean durationEstimated) {

    public AudioSource {
        tags = Map.copyOf(tags);
        profile = profile == null ? "" : profile;
        container = container == null ? "" : container;
    }

    /** A source whose container states its duration. */
    public AudioSource(Path file, long sizeBytes, String codec, String profile, int sampleRate, int channels,
                       long bitRate, double durationSeconds, int audioStreamIndex, int coverStreamIndex,
                       Map<String, String> tags) {
        this(file, sizeBytes, codec, profile, sampleRate, channels, bitRate, durationSeconds, audioStreamIndex,
            coverStreamIndex, tags, "", false);
    }

    public boolean hasCover() {
        return coverStreamIndex >= 0;
    }

    /** True for a raw AAC stream (ADTS frames, no container): no frame index, no gapless information. */
    public boolean rawAdts() {
        return "aac".equals(container);
    }

    /** A tag value, or "" when absent. */
    public String tag(String key) {
        return tags.getOrDefault(key, "");
    }
}
