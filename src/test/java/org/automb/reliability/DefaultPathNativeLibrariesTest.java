package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.automb.app.AutoM4bCommand;
import org.automb.testing.M4bInspector;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The default path (ENCODER=libav, no FFMPEG_PATH or FFPROBE_PATH) converts books with the bundled libraries inside
 * the JVM alone: the ffmpeg and ffprobe programs are never extracted, so never run, and libavdevice (which needs
 * PulseAudio, ALSA and XCB on the machine) and libavfilter are never loaded. Shown on the real service in a child JVM
 * with its own JavaCPP cache and class-loading log, on an MP3 book, a book of AAC parts and a tagged book with a
 * cover; the outputs are read back with ffprobe. Where the libraries cannot load, the start is one line, exit 5.
 */
class DefaultPathNativeLibrariesTest {

    private static final TestAudio AUDIO = TestAudio.bundled();

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    @Test
    void convertsEveryKindOfBookWithoutTheFfmpegProgramsOrLibavdevice() throws IOException {
        drop("MP3 Book", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 2.0, Map.of("title", "Eins"));
            AUDIO.mp3(folder.resolve("02.mp3"), 2.0, Map.of("title", "Zwei"));
        });
        drop("AAC Parts", folder -> {
            AUDIO.aac(folder.resolve("part1.m4a"), 2.0, 44100, 1, Map.of("title", "Part A"));
            AUDIO.aac(folder.resolve("part2.m4a"), 2.0, 44100, 1, Map.of("title", "Part B"));
        });
        drop("Tagged Book", folder -> {
            Map<String, String> tags = Map.of("artist", "Jane Author", "album", "Tagged Book", "genre", "Krimi",
                "composer", "Nora Narrator", "date", "2019");
            AUDIO.mp3(folder.resolve("01.mp3"), 2.0, withTitle(tags, "Anfang"));
            AUDIO.mp3(folder.resolve("02.mp3"), 2.0, withTitle(tags, "Ende"));
            AUDIO.image(folder.resolve("cover.jpg"), 320, 320);
        });
        Path cache = Files.createDirectories(harness.root().resolve("javacpp-cache"));
        Path classLog = harness.root().resolve("classes.log");

        ServiceProcess once = harness.start("once", Map.of("JAVA_TOOL_OPTIONS", "-Dorg.bytedeco.javacpp.cachedir=" + cache
            + " -Xlog:class+load=info:file=" + classLog), "--once");

        assertThat(once.awaitExit(Duration.ofMinutes(3))).as(once.log()).isEqualTo(AutoM4bCommand.EXIT_OK);
        List<String> extracted = namesUnder(cache);
        assertThat(extracted).as("the cache was used").contains("libjniavformat.so", "libjniavcodec.so");
        assertThat(extracted).as("no program extracted, so none ran; nothing that needs libpulse or libxcb")
            .doesNotContain("ffmpeg", "ffprobe")
            .noneMatch(name -> name.startsWith("libavdevice") || name.startsWith("libjniavdevice")
                || name.startsWith("libavfilter") || name.startsWith("libjniavfilter") || name.contains("postproc"));
        assertThat(Files.readAllLines(classLog)).as("classes loaded").isNotEmpty()
            .noneMatch(line -> line.contains("org.bytedeco.ffmpeg.global.avdevice") || line.contains("org.bytedeco.ffmpeg.global.avfilter")
                || line.contains("org.bytedeco.ffmpeg.ffmpeg ") || line.contains("org.bytedeco.ffmpeg.ffprobe "));

        M4bInspector inspect = new M4bInspector(AUDIO.tools());
        M4bInspector.M4bFacts mp3 = inspect.inspect(output("MP3 Book"));
        assertThat(mp3.chapterTitles()).containsExactly("Eins", "Zwei");
        assertThat(mp3.codec()).isEqualTo("aac");
        M4bInspector.M4bFacts aac = inspect.inspect(output("AAC Parts"));
        assertThat(aac.chapterTitles()).containsExactly("Part A", "Part B");
        assertThat(aac.durationSeconds()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.1));
        M4bInspector.M4bFacts tagged = inspect.inspect(output("Tagged Book"));
        assertThat(tagged.chapterTitles()).containsExactly("Anfang", "Ende");
        assertThat(tagged.hasCover()).as("cover").isTrue();
        assertThat(tagged.tags()).containsEntry("artist", "Jane Author").containsEntry("album", "Tagged Book")
            .containsEntry("genre", "Krimi").containsEntry("composer", "Nora Narrator").containsEntry("date", "2019")
            .containsEntry("media_type", "2");
    }

    @Test
    void librariesThatCannotLoadAreOneStartLine() throws IOException {
        Path cache = Files.createDirectories(harness.root().resolve("javacpp-cache"));
        // natives of another platform: not in the jar, so the bundled libraries cannot load (as on a machine lacking one)
        ServiceProcess once = harness.start("once", Map.of("JAVA_TOOL_OPTIONS", "-Dorg.bytedeco.javacpp.cachedir=" + cache
            + " -Dorg.bytedeco.javacpp.platform=linux-arm64"), "--once");

        assertThat(once.awaitExit(Duration.ofMinutes(1))).as(once.log()).isEqualTo(AutoM4bCommand.EXIT_CANNOT_START);
        assertThat(once.log().lines()).filteredOn(line -> line.startsWith("auto-m4b cannot start: ")).singleElement()
            .asString().startsWith("auto-m4b cannot start: the bundled ffmpeg libraries cannot be loaded: ")
            .contains("set FFMPEG_PATH and FFPROBE_PATH");
        assertThat(once.log()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
    }

    private Path output(String book) {
        return harness.converted().resolve(book).resolve(book + ".m4b");
    }

    private static Map<String, String> withTitle(Map<String, String> tags, String title) {
        Map<String, String> all = new java.util.HashMap<>(tags);
        all.put("title", title);
        return all;
    }

    private interface BookContent {
        void fill(Path folder) throws IOException;
    }

    /** Builds the book in the staging folder, then moves it into the inbox at once. */
    private void drop(String book, BookContent content) throws IOException {
        Path stage = Files.createDirectories(harness.staging().resolve(book));
        content.fill(stage);
        Files.move(stage, harness.inbox().resolve(book));
    }

    private static List<String> namesUnder(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
