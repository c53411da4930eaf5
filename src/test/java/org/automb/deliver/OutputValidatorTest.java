package org.automb.deliver;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.automb.failure.PermanentFailure;
import org.automb.media.mp4.EditListFiles;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output check for what players that read only an edit list's first entry (GStreamer's qtdemux) play. */
class OutputValidatorTest {

    private static final TestAudio AUDIO = TestAudio.bundled();

    @TempDir
    Path dir;

    @Test
    void anOutputWithOneEntryPresentingTheSourcesPasses() {
        Path m4b = AUDIO.aac(dir.resolve("book.m4b"), 3.0, 44100, 1, Map.of());

        assertThatCode(() -> OutputValidator.checkEveryPlayerPlaysItAll("Book", m4b, 3.0, 0.1)).doesNotThrowAnyException();
    }

    @Test
    void anOutputWithTwoEntriesFailsNamingWhatGstreamerWouldPlay() throws Exception {
        Path m4b = AUDIO.aac(dir.resolve("book.m4b"), 3.0, 44100, 1, Map.of());
        Path split = EditListFiles.splitInTwo(m4b, dir.resolve("split.m4b"));

        assertThatThrownBy(() -> OutputValidator.checkEveryPlayerPlaysItAll("Book", split, 3.0, 0.1))
            .isInstanceOf(PermanentFailure.class)
            .hasMessageContaining("2 entries").hasMessageContaining("GStreamer").hasMessageContaining("1.500 s of 3.000 s");
    }

    @Test
    void anOutputWhoseEntryPresentsLessThanTheSourcesFails() {
        Path m4b = AUDIO.aac(dir.resolve("book.m4b"), 2.0, 44100, 1, Map.of());

        assertThatThrownBy(() -> OutputValidator.checkEveryPlayerPlaysItAll("Book", m4b, 3.0, 0.1))
            .isInstanceOf(PermanentFailure.class).hasMessageContaining("presents 2.000 s but the sources add up to 3.000 s");
    }
}
