package org.automb.audio.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.automb.audio.ffmpeg.FfmetadataWriter;
import org.automb.audio.ffmpeg.MuxStep;
import org.automb.plan.BookTags;
import org.automb.plan.Chapter;
import org.automb.plan.CoverPicker;
import org.automb.testing.M4bInspector;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metadata shell written in the JVM is the file the ffmpeg program writes from the same book (the arguments of
 * {@link MuxStep#arguments}), byte for byte, and ffprobe reads the book's tags, chapters and cover from it.
 */
class LibavShellWriterTest {

    private static final TestAudio AUDIO = TestAudio.bundled();
    private static final M4bInspector INSPECT = new M4bInspector(AUDIO.tools());
    private static final FfmetadataWriter METADATA = new FfmetadataWriter();
    /** Two AAC frames at 44.1 kHz, as the join step asks for. */
    private static final double TWO_FRAMES = 2.0 * 1024 / 44100;
    private static LibavShellWriter writer;

    private static final BookTags TAGS = new BookTags("Der Schwarm = Teil 1; #1", "Der Schwarm", "Frank Schätzing",
        "Frank Schätzing", "Andreas Fröhlich", "2004", "Ungekürzt\nzwei Zeilen \\ Backslash", "Hörbuch");
    private static final List<Chapter> CHAPTERS = List.of(new Chapter(0, 1_000, "Prolog: Café"),
        new Chapter(1_000, 2_500, "Teil = 1; #2"), new Chapter(2_500, 4_000, ""));

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        writer = LibavShellWriter.load().orElseThrow(() -> new AssertionError("the bundled libavformat does not load"));
    }

    @Test
    void writesTheShellFfmpegWritesWithTagsChaptersAndAJpegCover() throws Exception {
        Path part = AUDIO.aac(dir.resolve("part 1.m4a"), 4.0, 44100, 1, Map.of("title", "Part One"));
        Optional<CoverPicker.CoverChoice> cover =
            Optional.of(new CoverPicker.CoverChoice(AUDIO.image(dir.resolve("cover.jpg"), 320, 240), -1));

        Path inJvm = writeInJvm(part, cover, TAGS, CHAPTERS);

        assertThat(Files.readAllBytes(inJvm)).as("the same file as ffmpeg's").isEqualTo(Files.readAllBytes(
            writeWithFfmpeg(part, cover, TAGS, CHAPTERS)));
        M4bInspector.M4bFacts facts = INSPECT.inspect(inJvm);
        assertThat(facts.chapterTitles()).containsExactly("Prolog: Café", "Teil = 1; #2", "");
        assertThat(facts.chapters().get(1).start()).isEqualTo(1.0);
        assertThat(facts.chapters().get(2).end()).isEqualTo(4.0);
        assertThat(facts.tags()).containsEntry("title", "Der Schwarm = Teil 1; #1").containsEntry("artist", "Frank Schätzing")
            .containsEntry("album_artist", "Frank Schätzing").containsEntry("composer", "Andreas Fröhlich")
            .containsEntry("date", "2004").containsEntry("genre", "Hörbuch").containsEntry("media_type", "2")
            .containsEntry("comment", "Ungekürzt\nzwei Zeilen \\ Backslash");
        assertThat(facts.hasCover()).isTrue();
        assertThat(facts.codec()).isEqualTo("aac");
    }

    @Test
    void takesAPngCoverAndAPictureEmbeddedInASourceAsFfmpegDoes() throws Exception {
        Path part = AUDIO.aac(dir.resolve("part.m4a"), 2.0, 44100, 2, Map.of());
        Path png = AUDIO.image(dir.resolve("folder.png"), 200, 200);
        // the mp3's picture is its second stream (audio first)
        Path withPicture = AUDIO.mp3WithCover(dir.resolve("01.mp3"), 1.0, Map.of("title", "One"));
        BookTags few = new BookTags("Only a Title", null, null, null, null, null, null, null);
        List<Chapter> one = List.of(new Chapter(0, 2_000, "Ganz"));

        for (CoverPicker.CoverChoice cover : List.of(new CoverPicker.CoverChoice(png, -1),
                new CoverPicker.CoverChoice(withPicture, 1))) {
            Path inJvm = writeInJvm(part, Optional.of(cover), few, one);
            assertThat(Files.readAllBytes(inJvm)).as(cover.toString()).isEqualTo(Files.readAllBytes(
                writeWithFfmpeg(part, Optional.of(cover), few, one)));
            assertThat(INSPECT.inspect(inJvm).hasCover()).isTrue();
        }
    }

    @Test
    void aBookWithoutCoverOrChaptersIsTheSameToo() throws Exception {
        Path part = AUDIO.aac(dir.resolve("part.m4a"), 1.0, 44100, 1, Map.of());
        BookTags none = new BookTags(null, null, null, null, null, null, null, null);

        Path inJvm = writeInJvm(part, Optional.empty(), none, List.of());

        assertThat(Files.readAllBytes(inJvm)).isEqualTo(Files.readAllBytes(writeWithFfmpeg(part, Optional.empty(), none, List.of())));
        M4bInspector.M4bFacts facts = INSPECT.inspect(inJvm);
        assertThat(facts.chapters()).isEmpty();
        assertThat(facts.hasCover()).isFalse();
        assertThat(facts.tags()).containsEntry("media_type", "2");
    }

    @Test
    void encodesAWebpBmpOrGifCoverAsJpegAsFfmpegDoes() throws Exception {
        Path part = AUDIO.aac(dir.resolve("part.m4a"), 1.0, 44100, 1, Map.of());
        BookTags few = new BookTags("Bunt", null, null, null, null, null, null, null);

        for (String name : List.of("cover.webp", "cover.bmp", "cover.gif", "odd.webp")) {
            int width = name.startsWith("odd") ? 301 : 360;
            Optional<CoverPicker.CoverChoice> cover =
                Optional.of(new CoverPicker.CoverChoice(AUDIO.image(dir.resolve(name), width, 240), -1));
            Path inJvm = writeInJvm(part, cover, few, List.of());
            assertThat(picture(inJvm)).as(name).isEqualTo("mjpeg " + width + "x240");
            assertThat(picture(inJvm)).as(name).isEqualTo(picture(writeWithFfmpeg(part, cover, few, List.of())));
        }
    }

    @Test
    void aCoverLibavCannotReadIsNamed() throws Exception {
        Path part = AUDIO.aac(dir.resolve("part.m4a"), 1.0, 44100, 1, Map.of());
        byte[] noise = new byte[9000];
        new java.util.Random(7).nextBytes(noise);
        BookTags none = new BookTags(null, null, null, null, null, null, null, null);

        for (String name : List.of("cover.jpg", "cover.webp")) {
            Path broken = Files.write(dir.resolve(name), noise);
            assertThatThrownBy(() -> writeInJvm(part, Optional.of(new CoverPicker.CoverChoice(broken, -1)), none, List.of()))
                .as(name).isInstanceOfSatisfying(LibavShellWriter.UnreadableInput.class,
                    e -> assertThat(e.file()).isEqualTo(broken));
        }
    }

    /** The attached picture's codec and size, as ffprobe reads them. */
    private static String picture(Path file) throws Exception {
        Process process = new ProcessBuilder(AUDIO.tools().ffprobeCommand(List.of("-v", "error", "-select_streams", "v",
            "-show_entries", "stream=codec_name,width,height:stream_disposition=attached_pic", "-of", "csv=p=0",
            file.toString()))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String[] fields = output.split(",");
        assertThat(fields).as(output).hasSize(4);
        assertThat(fields[3]).as("attached_pic").isEqualTo("1");
        return fields[0] + " " + fields[1] + "x" + fields[2];
    }

    private Path writeInJvm(Path part, Optional<CoverPicker.CoverChoice> cover, BookTags tags, List<Chapter> chapters)
            throws IOException {
        Path shell = dir.resolve("in-jvm.m4b");
        writer.write(shell, part, Math.round(TWO_FRAMES * 1e6), METADATA.tags(tags), chapters, cover, 44100);
        return shell;
    }

    /** What the join step ran before: MuxStep's arguments for the shell. */
    private Path writeWithFfmpeg(Path part, Optional<CoverPicker.CoverChoice> cover, BookTags tags, List<Chapter> chapters)
            throws Exception {
        Path metadata = Files.writeString(dir.resolve("metadata.txt"), METADATA.render(tags, chapters), StandardCharsets.UTF_8);
        Path shell = dir.resolve("by-ffmpeg.m4b");
        List<String> args = new ArrayList<>(List.of("-nostdin", "-v", "error", "-t", String.format(Locale.ROOT, "%.6f", TWO_FRAMES),
            "-i", part.toString(), "-f", "ffmetadata", "-i", metadata.toString()));
        cover.ifPresent(c -> args.addAll(List.of("-i", c.file().toString())));
        args.addAll(List.of("-map", "0:a", "-map_metadata", "1", "-map_chapters", "1", "-c:a", "copy"));
        cover.ifPresent(c -> args.addAll(List.of("-map", c.streamIndex() >= 0 ? "2:" + c.streamIndex() : "2:v:0",
            "-c:v", MuxStep.copiesAsIs(c) ? "copy" : "mjpeg", "-disposition:v:0", "attached_pic")));
        args.addAll(List.of("-movie_timescale", "44100", "-f", "ipod", "-y", shell.toString()));
        Process process = new ProcessBuilder(AUDIO.tools().ffmpegCommand(args)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return shell;
    }
}
