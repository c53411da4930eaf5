package org.automb.app;

import java.util.Optional;
import org.automb.media.ffmpeg.ExecRunner;
import org.automb.media.ffmpeg.FfmpegTools;
import org.automb.plan.LibavProbe;

/**
 * The ffmpeg the service runs: the programs, the in-JVM probe when the bundled libraries are used, and the runner of
 * ffmpeg processes. Audio, delivery and health all use them.
 */
record MediaTools(FfmpegTools tools, Optional<LibavProbe> libav, ExecRunner exec) {
}
