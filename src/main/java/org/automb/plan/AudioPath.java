package org.automb.plan;

/**
 * How a book's audio is written, decided once while it is planned ({@link AudioPathDecider}) and recorded in
 * {@code intake.json}; each value is a branch of the attempt-book route and a route of its own.
 */
public enum AudioPath {
    /** One .m4b copied as it is. */
    PASSTHROUGH("passthrough-book"),
    /** AAC parts of one codec setup joined as they are by the MP4 joiner. */
    AAC_JOIN("join-aac-parts"),
    /** Encoded in the JVM with libavcodec, a long book in segments at once, then joined like AAC parts. */
    JVM_SEGMENTS("encode-in-jvm"),
    /** Parts the joiner cannot take, stream-copied by ffmpeg's concat demuxer, then the mux pass. */
    FFMPEG_CONCAT_COPY("ffmpeg-concat-copy"),
    /** Sources of one format read by one ffmpeg through its concat demuxer and encoded, then the mux pass. */
    FFMPEG_CONCAT_ENCODE("ffmpeg-concat-encode"),
    /** Each source decoded by its own ffmpeg, fed as PCM to one encoder, then the mux pass. */
    FFMPEG_PCM_FEED("ffmpeg-pcm-feed");

    private final String routeId;

    AudioPath(String routeId) {
        this.routeId = routeId;
    }

    /** The id of the route in routes/process-book.camel.yaml that writes the audio this way. */
    public String routeId() {
        return routeId;
    }
}
