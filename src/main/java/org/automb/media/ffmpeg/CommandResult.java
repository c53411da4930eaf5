package org.automb.media.ffmpeg;

import java.util.Arrays;
import java.util.List;

/** Exit code and captured output of one ffmpeg/ffprobe run. */
public record CommandResult(int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The last {@code n} non-blank lines of stderr: what a user needs to see when ffmpeg fails. */
    public String lastErrorLines(int n) {
        List<String> lines = Arrays.stream(stderr.split("\\R")).filter(l -> !l.isBlank()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
