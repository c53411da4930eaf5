package org.automb.e2e;

/** {@link FileAtFaultTest} with the audio encoded by an ffmpeg process ({@code ENCODER=ffmpeg}). */
class FileAtFaultFfmpegTest extends FileAtFaultTest {

    @Override
    protected String encoder() {
        return "ffmpeg";
    }
}
