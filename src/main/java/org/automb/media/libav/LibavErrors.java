package org.automb.media.libav;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * The libav return codes the in-JVM decode and encode loops branch on, as the bundled libraries define them (an errno
 * value differs between platforms, so none is written out here).
 */
public final class LibavErrors {

    /** {@code AVERROR(EAGAIN)}: the codec wants the other side served first (drain its output, or feed it input). */
    public static final int EAGAIN = avutil.AVERROR_EAGAIN();

    private LibavErrors() {
    }
}
