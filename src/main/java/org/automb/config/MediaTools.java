package org.automb.config;

import java.util.Optional;
import org.automb.convert.ExecRunner;
import org.automb.convert.FfmpegTools;
import org.automb.convert.LibavProbe;

/**
 * The ffmpeg the service runs: the programs, the in-JVM probe when the bundled libraries are used, and the runner of
 * ffmpeg processes. Audio, delivery and health all use them.
 */
record MediaTools(FfmpegTools tools, Optional<LibavProbe> libav, ExecRunner exec) {
}
