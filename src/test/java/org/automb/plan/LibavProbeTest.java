package org.automb.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.automb.media.AudioSource;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-JVM probe must describe every file exactly as the ffprobe executable does. */
class LibavProbeTest {

    private static final TestAudio AUDIO = TestAudio.bundled();
    private static LibavProbe probe;
    private final ProbeParser parser = new ProbeParser();

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        probe = LibavProbe.load().orElseThrow(() -> new AssertionError("the bundled libavformat does not load"));
    }

    @Test
    void describesEveryKindOfSourceAsFfprobeDoes() throws Exception {
        Map<String, String> tags = Map.of("title", "Kapitel 1: Café", "artist", "Jörg Author", "album", "Das Buch",
            "genre", "Audiobook", "track", "3/12");
        List<Path> files = List.of(
            AUDIO.mp3(dir.resolve("plain.mp3"), 3.2, 44100, 1, tags),
            AUDIO.mp3WithCover(dir.resolve("cover.mp3"), 2.1, tags),
            AUDIO.aac(dir.resolve("part.m4a"), 2.5, 22050, 2, tags),
            AUDIO.flac(dir.resolve("lossless.flac"), 1.7, 48000, 2, tags),
            AUDIO.opus(dir.resolve("speech.opus"), 1.3, tags),
            AUDIO.wav(dir.resolve("raw.wav"), 1.1, 16000, 1),
            AUDIO.wma(dir.resolve("old.wma"), 1.4, tags),
            AUDIO.mp3(dir.resolve("Ünïcödé 'quoted' name.mp3"), 1.0, 44100, 2, tags));
        for (Path file : files) {
            AudioSource fromLibrary = parser.parse(file, Files.size(file), probe.probe(file));
            AudioSource fromFfprobe = parser.parse(file, Files.size(file), ffprobe(file));
            assertThat(fromLibrary).as(file.getFileName().toString()).isEqualTo(fromFfprobe);
        }
    }

    @Test
    void countsAnOutputsChaptersAsFfprobeDoes() throws Exception {
        Path source = AUDIO.aac(dir.resolve("audio.m4a"), 3.0, 44100, 1, Map.of());
        Path metadata = Files.writeString(dir.resolve("chapters.txt"), """
            ;FFMETADATA1
            title=Book
            [CHAPTER]
            TIMEBASE=1/1000
            START=0
            END=1000
            title=One
            [CHAPTER]
            TIMEBASE=1/1000
            START=1000
            END=3000
            title=Two
            """);
        Path book = dir.resolve("book.m4b");
        run(AUDIO.tools().ffmpegCommand(List.of("-v", "error", "-i", source.toString(), "-f", "ffmetadata", "-i",
            metadata.toString(), "-map", "0:a", "-map_chapters", "1", "-c", "copy", "-f", "ipod", book.toString())));

        JsonNode fromLibrary = probe.probe(book);
        JsonNode fromFfprobe = ffprobe(book);

        assertThat(fromLibrary.path("chapters").size()).isEqualTo(2).isEqualTo(fromFfprobe.path("chapters").size());
        for (int i = 0; i < 2; i++) {
            for (String field : new String[] {"start_time", "end_time"}) {
                assertThat(fromLibrary.path("chapters").path(i).path(field).asText())
                    .isEqualTo(fromFfprobe.path("chapters").path(i).path(field).asText());
            }
            assertThat(fromLibrary.path("chapters").path(i).path("tags").path("title").asText())
                .isEqualTo(fromFfprobe.path("chapters").path(i).path("tags").path("title").asText()).isNotEmpty();
        }
        assertThat(fromLibrary.path("format").path("duration").asText())
            .isEqualTo(fromFfprobe.path("format").path("duration").asText());
    }

    @Test
    void namesTheFileItCannotRead() throws Exception {
        Path notAudio = Files.writeString(dir.resolve("notes.mp3"), "this is not audio at all, only text\n".repeat(50));

        assertThatThrownBy(() -> probe.probe(notAudio))
            .isInstanceOf(LibavProbe.Unreadable.class)
            .hasMessageContaining("notes.mp3");
    }

    private JsonNode ffprobe(Path file) throws Exception {
        List<String> args = new java.util.ArrayList<>(parser.probeArguments(file));
        args.add(args.size() - 1, "-show_chapters");
        return new ObjectMapper().readTree(run(AUDIO.tools().ffprobeCommand(args)));
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
        return out;
    }
}
