package org.automb.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * {@link EstimatedDurationTest} with nothing in the JVM: {@code FFPROBE_PATH} and {@code FFMPEG_PATH} name the
 * executables, so ffprobe's warning is what says a duration is an estimate, and the sources are decoded by ffmpeg
 * processes. The paths are small scripts that run the bundled executables with their libraries.
 */
class EstimatedDurationProcessesTest extends EstimatedDurationTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("ENCODER", "ffmpeg", "FFMPEG_PATH", wrapper("ffmpeg", AUDIO.tools().ffmpegCommand(List.of())).toString(),
            "FFPROBE_PATH", wrapper("ffprobe", AUDIO.tools().ffprobeCommand(List.of())).toString());
    }

    /** An executable script that runs {@code command} (the bundled program and its environment) with its arguments. */
    private Path wrapper(String name, List<String> command) {
        Path script = root().resolve("bin").resolve(name);
        StringBuilder text = new StringBuilder("#!/bin/sh\nexec");
        for (String part : command) {
            text.append(" '").append(part.replace("'", "'\\''")).append('\'');
        }
        text.append(" \"$@\"\n");
        try {
            Files.createDirectories(script.getParent());
            Files.writeString(script, text);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return script;
    }
}
