package org.automb.media.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.automb.testing.GstDecode;
import org.automb.testing.PlayerCheck;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What players that read only an edit list's first entry play of a file, read from its moov. */
class AudioEditListTest {

    private static final TestAudio AUDIO = TestAudio.bundled();

    @TempDir
    Path dir;

    @Test
    void ffmpegsOwnFileHasOneEntryThatPresentsItAll() throws Exception {
        Path m4b = AUDIO.aac(dir.resolve("book.m4b"), 2.0, 44100, 1, java.util.Map.of());

        AudioEditList edits = AudioEditList.read(m4b).orElseThrow();

        assertThat(edits.mediaEntries()).isEqualTo(1);
        assertThat(edits.cutShortByFirstEntryPlayers()).isFalse();
        assertThat(edits.firstEntrySeconds()).isCloseTo(2.0, within(0.002));
    }

    @Test
    void twoEntriesAreWhatGstreamerCutsShort() throws Exception {
        Path m4b = AUDIO.findable(dir.resolve("book.m4b"), 4.0, 44100, 1, TestAudio.AAC, java.util.Map.of());
        Path split = EditListFiles.splitInTwo(m4b, dir.resolve("split.m4b"));

        AudioEditList edits = AudioEditList.read(split).orElseThrow();

        assertThat(edits.mediaEntries()).isEqualTo(2);
        assertThat(edits.cutShortByFirstEntryPlayers()).isTrue();
        assertThat(edits.firstEntrySeconds()).isCloseTo(2.0, within(0.002));
        assertThat(edits.allEntriesSeconds()).isCloseTo(4.0, within(0.002));
        // what the check stands for: GStreamer plays the first entry only, ffmpeg both
        PlayerCheck players = new PlayerCheck(AUDIO.tools());
        assertThat(players.ffmpegMono(split, 44100).length).isCloseTo(4 * 44100, within(PlayerCheck.FRAME));
        assertThat(GstDecode.mono(split).length).isCloseTo(2 * 44100, within(PlayerCheck.FRAME));
    }

    @Test
    void aFileThatIsNoMp4IsNotRead() throws Exception {
        Path wav = AUDIO.wav(dir.resolve("plain.wav"), 0.5, 44100, 1);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AudioEditList.read(wav))
            .isInstanceOf(NotJoinableException.class);
    }
}
