package org.automb.convert;

/**
 * How a book's audio is written, decided once while it is planned ({@link AudioPathDecider}) and recorded in
 * {@code intake.json}; each value is a branch of the attempt-book route and a route of its own.
 */
public enum AudioPath {
    /** One .m4b copied as it is (route passthrough-book). */
    PASSTHROUGH,
    /** AAC parts of one codec setup joined as they are by the MP4 joiner (route join-aac-parts). */
    AAC_JOIN,
    /** Encoded in the JVM with libavcodec, a long book in segments at once, then joined (route encode-in-jvm). */
    JVM_SEGMENTS,
    /** Parts the joiner cannot take, stream-copied by ffmpeg's concat demuxer, then the mux pass (route ffmpeg-concat-copy). */
    FFMPEG_CONCAT_COPY,
    /** Sources of one format read by one ffmpeg through its concat demuxer and encoded, then the mux pass (route ffmpeg-concat-encode). */
    FFMPEG_CONCAT_ENCODE,
    /** Each source decoded by its own ffmpeg, fed as PCM to one encoder, then the mux pass (route ffmpeg-pcm-feed). */
    FFMPEG_PCM_FEED
}
