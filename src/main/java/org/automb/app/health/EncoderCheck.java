package org.automb.app.health;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code encoder}: what encodes books with these settings is there. The in-JVM encoder needs the bundled ffmpeg
 * libraries loaded; with {@code ENCODER=ffmpeg} (or {@code FFMPEG_PATH}) the ffmpeg command must have been resolved.
 * Both were settled at start, so the check only reads what start-up found (and stats an ffmpeg given as a path).
 */
public final class EncoderCheck extends ReadinessCheck {

    public static final String NAME = "encoder";

    private final boolean inJvm;
    private final boolean librariesLoaded;
    private final List<String> ffmpegCommand;

    /**
     * @param inJvm           the settings ask for the in-JVM encoder (ENCODER=libav, no FFMPEG_PATH or FFPROBE_PATH)
     * @param librariesLoaded the bundled ffmpeg libraries loaded in the JVM
     * @param ffmpegCommand   the ffmpeg command start-up resolved (empty when none)
     */
    public EncoderCheck(boolean inJvm, boolean librariesLoaded, List<String> ffmpegCommand, int order) {
        super(NAME, order);
        this.inJvm = inJvm;
        this.librariesLoaded = librariesLoaded;
        this.ffmpegCommand = List.copyOf(ffmpegCommand);
    }

    @Override
    protected Optional<String> problem() {
        if (inJvm) {
            return librariesLoaded ? Optional.empty()
                : Optional.of("the bundled ffmpeg libraries did not load, so the in-JVM encoder (ENCODER=libav) is unavailable");
        }
        if (ffmpegCommand.isEmpty()) {
            return Optional.of("no ffmpeg command was resolved for ENCODER=ffmpeg");
        }
        String program = ffmpegCommand.get(0);
        if (program.contains("/") && !Files.isExecutable(Path.of(program))) {
            return Optional.of("the ffmpeg executable " + program + " is gone or not executable");
        }
        return Optional.empty();
    }
}
