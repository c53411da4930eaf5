package org.automb.media.libav;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

/** Text crossing into and out of the bundled libav libraries (file names in, error messages out). */
public final class LibavText {

    /** How the JVM turns a path into the bytes the OS sees (what ProcessBuilder uses for arguments too). */
    private static final Charset FILE_NAMES = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

    private LibavText() {
    }

    /** The file's absolute name as a C string; the caller closes it. */
    public static BytePointer fileName(Path file) {
        return new BytePointer(file.toAbsolutePath().toString(), FILE_NAMES);
    }

    /** What an AVERROR code means, as ffmpeg prints it. */
    public static String error(int code) {
        byte[] message = new byte[256];
        avutil.av_strerror(code, message, message.length);
        int end = 0;
        while (end < message.length && message[end] != 0) {
            end++;
        }
        return new String(message, 0, end, StandardCharsets.UTF_8);
    }
}
