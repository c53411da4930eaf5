package org.automb.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decodes a file's audio as a player built on GStreamer does (Cozy, Rhythmbox, GNOME Music, Lollypop): its
 * {@code qtdemux} reads the MP4 and its edit list, avdec_aac (gstreamer1.0-libav) decodes. A second demuxer
 * besides libavformat, which reads edit lists its own way (qtdemux honours only an edit list's first entry).
 * Run as an argument list, never through a shell. Without GStreamer the test fails, saying what to install:
 * CI installs it ({@code .ci/run}).
 */
public final class GstDecode {

    private static final String LAUNCH = "gst-launch-1.0";

    private GstDecode() {
    }

    /** The first audio track decoded by GStreamer, down-mixed to mono, 16-bit samples at the file's own rate. */
    public static short[] mono(Path file) {
        Path raw = file.resolveSibling(".gst-" + file.getFileName() + ".raw");
        List<String> command = List.of(LAUNCH, "-q", "filesrc", "location=" + file.toAbsolutePath(), "!",
            "qtdemux", "name=demux", "demux.audio_0", "!", "decodebin", "!", "audioconvert", "!",
            "audio/x-raw,format=S16LE,channels=1", "!", "filesink", "location=" + raw.toAbsolutePath());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("GStreamer's " + LAUNCH + " cannot be started (" + e.getMessage() + "): install "
                + "Debian's gstreamer1.0-tools, gstreamer1.0-plugins-base, gstreamer1.0-plugins-good and "
                + "gstreamer1.0-libav (.ci/run does) to check what GStreamer-based players play", e);
        }
        try {
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("GStreamer did not decode " + file.getFileName() + " within 120 s");
            }
            if (process.exitValue() != 0 || !Files.exists(raw)) {
                throw new AssertionError("GStreamer cannot decode " + file.getFileName() + " (exit " + process.exitValue()
                    + "; are gstreamer1.0-plugins-good and gstreamer1.0-libav installed?): " + said.strip());
            }
            byte[] bytes = Files.readAllBytes(raw);
            return s16le(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            try {
                Files.deleteIfExists(raw);
            } catch (IOException e) {
                // a temporary folder's file
            }
        }
    }

    /** Signed 16-bit little-endian PCM, as both decoders are asked to write it. */
    static short[] s16le(byte[] bytes) {
        short[] samples = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }
}
