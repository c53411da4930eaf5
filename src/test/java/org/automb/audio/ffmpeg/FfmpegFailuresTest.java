package org.automb.audio.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.automb.failure.BookFailure;
import org.automb.media.ffmpeg.CommandResult;
import org.junit.jupiter.api.Test;

/** An ffmpeg run that failed on one of its inputs names that file; a full disk or a kill stays transient and names none. */
class FfmpegFailuresTest {

    private final Path one = Path.of("/inbox/Book/01.m4a");
    private final Path two = Path.of("/inbox/Book/02.m4a");

    @Test
    void theInputFfmpegComplainsAboutIsTheFileAtFault() {
        CommandResult result = new CommandResult(183, "", "[mov,mp4,m4a @ 0x1] moov atom not found\n"
            + "[concat @ 0x2] Impossible to open '" + two + "'\n[in#0 @ 0x3] Error opening input: Invalid data");

        BookFailure failure = FfmpegFailures.of("Book", "write the audio", result, List.of(one, two));

        assertThat(failure.isTransient()).isFalse();
        assertThat(failure.file()).contains(two);
        assertThat(failure.userMessage()).startsWith("book 'Book', file '02.m4a': ffmpeg could not write the audio");
        assertThat(failure.details()).contains("Impossible to open");
    }

    @Test
    void aFailureNamingNoInputOrATransientOneNamesNoFile() {
        CommandResult encoder = new CommandResult(1, "", "[aac @ 0x1] Error while encoding");
        CommandResult full = new CommandResult(1, "", "Error writing " + one + ": No space left on device");

        assertThat(FfmpegFailures.of("Book", "write the audio", encoder, List.of(one, two)).file()).isEmpty();
        BookFailure disk = FfmpegFailures.of("Book", "write the audio", full, List.of(one, two));
        assertThat(disk.isTransient()).isTrue();
        assertThat(disk.file()).isEmpty();
    }
}
