package org.automb.e2e;

/** {@link EstimatedDurationTest} with the audio encoded by an ffmpeg process ({@code ENCODER=ffmpeg}). */
class EstimatedDurationFfmpegTest extends EstimatedDurationTest {

    @Override
    protected String encoder() {
        return "ffmpeg";
    }
}
