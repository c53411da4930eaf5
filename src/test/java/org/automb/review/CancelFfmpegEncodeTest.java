package org.automb.review;

import java.util.Map;

/**
 * {@link CancelBookTest} with ENCODER=ffmpeg: the cancel kills the book's ffmpeg program (the PCM feed's decoders
 * with it) instead of stopping the in-JVM encoders.
 */
class CancelFfmpegEncodeTest extends CancelBookTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("ON_COMPLETE", "archive", "ENCODER", "ffmpeg");
    }

    @Override
    protected String audioPathPrefix() {
        return "FFMPEG_";
    }
}
