package org.automb.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.automb.media.mp4.Mp4File;
import org.automb.metadata.AudibleProduct;
import org.automb.metadata.Region;
import org.automb.plan.LibavProbe;
import org.automb.testing.GstDecode;
import org.automb.testing.M4bInspector;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tags written into real chaptered m4b books (made by the bundled ffmpeg, moov at the end and at the front), read
 * back by ffprobe (as Audiobookshelf reads them) and by isoparser, a second MP4 library; chapters, duration and
 * playback unchanged; a failed write leaves the book as it was.
 */
class Mp4TagWriterTest {

    private static final String SUMMARY = "<p><b>Ein Buch</b> über &quot;Mädchen&quot; &amp; Jungen.</p>"
        + "<p>Zweiter Absatz &ndash; l&#39;été.<br>Neue Zeile</p>";
    private static final String PLAIN_SUMMARY = "Ein Buch über \"Mädchen\" & Jungen.\nZweiter Absatz – l'été.\nNeue Zeile";

    private static TestAudio audio;
    private static ChapteredBooks books;
    private static M4bInspector inspector;
    private static MediaProbe probe;
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        audio = TestAudio.bundled();
        books = new ChapteredBooks(audio);
        inspector = new M4bInspector(audio.tools());
        probe = MediaProbe.libav(LibavProbe.require());
    }

    private Mp4TagWriter writer() {
        return new Mp4TagWriter(probe, Optional.empty());
    }

    static AudibleProduct product(String title, String sequence, boolean adult) {
        return new AudibleProduct(Region.DE, "B0TESTASIN", title, "Der Untertitel: Ça va",
            List.of("Jörg Müller", "Hélène Dupont"), List.of("Ümit Öz", "山田 太郎"), "Hörbuch Verlag",
            SUMMARY, "2021-03-09", "german", 754, "©2021 Jörg Müller (P)2021 Hörbuch Verlag", "9783000000000",
            adult, List.of(new AudibleProduct.Series("B0SERIES00", "Die Reihe", sequence)),
            List.of("Science Fiction & Fantasy", "Fantasy"), Map.of(500, "https://m.media-amazon.com/x.jpg"));
    }

    private byte[] cover() throws IOException {
        return Files.readAllBytes(audio.image(dir.resolve("cover.jpg"), 500, 500));
    }

    @ParameterizedTest(name = "faststart={0}")
    @ValueSource(booleans = {false, true})
    void writesTheAudibleSetThatFfprobeAndIsoparserReadBack(boolean faststart) throws Exception {
        Path book = books.book(dir.resolve("book.m4b"), faststart);
        M4bInspector.M4bFacts before = inspector.inspect(book);
        byte[] cover = cover();
        TagSet tags = new AudibleTags(new HtmlText()).tags(product("Das Buch – 第一巻", "1.5", true), Optional.of(cover));

        writer().write(book, tags);

        // the layout is kept: a faststart book still starts with its moov
        assertThat(moovFirst(book)).isEqualTo(faststart);
        // ffprobe (libavformat: Audiobookshelf, Plex, VLC) reads what was written, under these names
        Map<String, String> ffprobe = ffprobeTags(book);
        System.out.println("[ffprobe tags, faststart=" + faststart + "] " + json.writeValueAsString(ffprobe));
        assertThat(ffprobe).containsEntry("title", "Das Buch – 第一巻").containsEntry("album", "Das Buch – 第一巻")
            .containsEntry("artist", "Jörg Müller, Hélène Dupont").containsEntry("album_artist", "Jörg Müller, Hélène Dupont")
            .containsEntry("composer", "Ümit Öz, 山田 太郎").containsEntry("date", "2021")
            .containsEntry("genre", "Science Fiction & Fantasy/Fantasy").containsEntry("grouping", "Die Reihe #1.5")
            .containsEntry("description", PLAIN_SUMMARY).containsEntry("synopsis", PLAIN_SUMMARY)
            .containsEntry("comment", PLAIN_SUMMARY).containsEntry("copyright", "©2021 Jörg Müller (P)2021 Hörbuch Verlag")
            .containsEntry("media_type", "2").containsEntry("gapless_playback", "1").containsEntry("rating", "1")
            .containsEntry("SUBTITLE", "Der Untertitel: Ça va").containsEntry("SERIES", "Die Reihe")
            .containsEntry("SERIES-PART", "1.5").containsEntry("RELEASETIME", "2021-03-09")
            .containsEntry("PUBLISHER", "Hörbuch Verlag").containsEntry("LANGUAGE", "German")
            .containsEntry("ISBN", "9783000000000").containsEntry("ASIN", "B0TESTASIN")
            .containsEntry("AUDIBLE_ASIN", "B0TESTASIN").containsEntry("WWWAUDIOFILE", "https://www.audible.de/pd/B0TESTASIN");
        assertThat(ffprobe.get("description")).doesNotContain("<", "&amp;", "&quot;");

        // isoparser, a second MP4 library, finds each atom with its type
        Map<String, List<IlstReader.Item>> ilst = IlstReader.read(book);
        System.out.println("[ilst atoms] " + ilst.keySet());
        assertThat(text(ilst, "\u00a9nam")).isEqualTo("Das Buch – 第一巻");
        assertThat(text(ilst, "\u00a9alb")).isEqualTo("Das Buch – 第一巻");
        assertThat(text(ilst, "\u00a9st3")).isEqualTo("Der Untertitel: Ça va");
        assertThat(text(ilst, "\u00a9ART")).isEqualTo("Jörg Müller, Hélène Dupont");
        assertThat(text(ilst, "aART")).isEqualTo("Jörg Müller, Hélène Dupont");
        assertThat(text(ilst, "\u00a9wrt")).isEqualTo("Ümit Öz, 山田 太郎");
        assertThat(text(ilst, "\u00a9mvn")).isEqualTo("Die Reihe");
        assertThat(ilst).doesNotContainKey("\u00a9mvi"); // 1.5 is no whole number
        assertThat(text(ilst, "\u00a9grp")).isEqualTo("Die Reihe #1.5");
        assertThat(text(ilst, "\u00a9day")).isEqualTo("2021");
        assertThat(text(ilst, "desc")).isEqualTo(PLAIN_SUMMARY);
        assertThat(text(ilst, "ldes")).isEqualTo(PLAIN_SUMMARY);
        assertThat(text(ilst, "\u00a9cmt")).isEqualTo(PLAIN_SUMMARY);
        assertThat(text(ilst, "\u00a9gen")).isEqualTo("Science Fiction & Fantasy/Fantasy");
        assertThat(text(ilst, "cprt")).isEqualTo("©2021 Jörg Müller (P)2021 Hörbuch Verlag");
        assertThat(number(ilst, "stik")).isEqualTo(2);
        assertThat(number(ilst, "pgap")).isEqualTo(1);
        assertThat(number(ilst, "rtng")).isEqualTo(1);
        for (String name : List.of("SUBTITLE", "SERIES", "SERIES-PART", "RELEASETIME", "PUBLISHER", "LANGUAGE", "ISBN",
            "ASIN", "AUDIBLE_ASIN", "WWWAUDIOFILE")) {
            assertThat(ilst).as("freeform %s", name).containsKey("----:com.apple.iTunes:" + name);
        }
        assertThat(text(ilst, "----:com.apple.iTunes:SERIES-PART")).isEqualTo("1.5");
        assertThat(ilst.get("covr")).hasSize(1);
        assertThat(ilst.get("covr").get(0).type()).isEqualTo(13); // JPEG
        assertThat(ilst.get("covr").get(0).bytes()).isEqualTo(cover);

        // the cover players show is the given JPEG
        assertThat(attachedPicture(book)).isEqualTo(cover);
        // the book is the same book: duration, chapters, and both decoders play it to its end
        assertSameBook(book, before);
    }

    @ParameterizedTest(name = "faststart={0}")
    @ValueSource(booleans = {false, true})
    void audiobookshelfFindsEveryField(boolean faststart) throws Exception {
        Path book = books.book(dir.resolve("abs.m4b"), faststart);
        writer().write(book, new AudibleTags(new HtmlText()).tags(product("Der Titel", "1.5", false), Optional.empty()));

        AudiobookshelfRules.Book seen = AudiobookshelfRules.read(ffprobeTags(book));

        assertThat(seen.title()).isEqualTo("Der Titel");
        assertThat(seen.subtitle()).isEqualTo("Der Untertitel: Ça va");
        assertThat(seen.authors()).containsExactly("Jörg Müller", "Hélène Dupont");
        assertThat(seen.narrators()).containsExactly("Ümit Öz", "山田 太郎");
        assertThat(seen.series()).isEqualTo("Die Reihe");
        assertThat(seen.sequence()).isEqualTo("1.5");
        assertThat(seen.year()).isEqualTo("2021");
        assertThat(seen.publisher()).isEqualTo("Hörbuch Verlag");
        assertThat(seen.description()).isEqualTo(PLAIN_SUMMARY);
        assertThat(seen.genres()).containsExactly("Science Fiction & Fantasy", "Fantasy");
        assertThat(seen.language()).isEqualTo("German");
        assertThat(seen.isbn()).isEqualTo("9783000000000");
        assertThat(seen.asin()).isEqualTo("B0TESTASIN");
    }

    @ParameterizedTest(name = "faststart={0}")
    @ValueSource(booleans = {false, true})
    void reTaggingWithFewerAndSmallerTagsKeepsTheBook(boolean faststart) throws Exception {
        Path book = books.book(dir.resolve("again.m4b"), faststart);
        M4bInspector.M4bFacts before = inspector.inspect(book);
        Mp4TagWriter writer = writer();
        writer.write(book, new AudibleTags(new HtmlText()).tags(product("Erst", "1", true), Optional.of(cover())));
        byte[] smallCover = Files.readAllBytes(audio.image(dir.resolve("small.jpg"), 64, 64));
        Files.delete(dir.resolve("small.jpg"));

        writer.write(book, TagSet.builder().text(Mp4Atoms.TITLE, "Zweit").cover(smallCover).build());

        assertThat(moovFirst(book)).isEqualTo(faststart);
        assertThat(ffprobeTags(book)).containsEntry("title", "Zweit").containsEntry("album", "Erst")
            .containsEntry("SERIES", "Die Reihe");
        assertThat(IlstReader.read(book).get("covr").get(0).bytes()).isEqualTo(smallCover);
        M4bInspector.M4bFacts after = inspector.inspect(book);
        assertThat(after.chapters()).isEqualTo(before.chapters());
        assertThat(after.durationSeconds()).isCloseTo(before.durationSeconds(), org.assertj.core.data.Offset.offset(0.001));
        assertThat(ffmpegErrors(book)).isEmpty();
    }

    @ParameterizedTest(name = "faststart={0}")
    @ValueSource(booleans = {false, true})
    void aBookWithNoTagsAtAllGetsThem(boolean faststart) throws Exception {
        Path book = books.bare(dir.resolve("bare.m4b"), faststart);
        assertThat(writer().read(book).isEmpty()).isTrue();
        M4bInspector.M4bFacts before = inspector.inspect(book);

        writer().write(book, new AudibleTags(new HtmlText()).tags(product("Nackt", "1", false), Optional.of(cover())));

        assertThat(moovFirst(book)).isEqualTo(faststart);
        assertThat(AudiobookshelfRules.read(ffprobeTags(book)).title()).isEqualTo("Nackt");
        assertThat(attachedPicture(book)).isEqualTo(Files.readAllBytes(dir.resolve("cover.jpg")));
        assertThat(inspector.inspect(book).durationSeconds())
            .isCloseTo(before.durationSeconds(), org.assertj.core.data.Offset.offset(0.001));
        assertThat(ffmpegErrors(book)).isEmpty();
    }

    @Test
    void aWholeSeriesPartAlsoGoesIntoTheMovementAtomsAndNoRatingForAnOrdinaryTitle() throws Exception {
        Path book = books.book(dir.resolve("whole.m4b"), true);
        writer().write(book, new AudibleTags(new HtmlText()).tags(product("Ganz", "3", false), Optional.empty()));

        Map<String, List<IlstReader.Item>> ilst = IlstReader.read(book);
        assertThat(number(ilst, "\u00a9mvi")).isEqualTo(3);
        assertThat(text(ilst, "\u00a9mvn")).isEqualTo("Die Reihe");
        assertThat(text(ilst, "\u00a9grp")).isEqualTo("Die Reihe #3");
        assertThat(ilst).doesNotContainKey("rtng");
        assertThat(AudiobookshelfRules.read(ffprobeTags(book)).sequence()).isEqualTo("3");
    }

    @Test
    void readsWhatItWroteAndTheDiffShowsTheCoverBySize() throws Exception {
        Path book = books.book(dir.resolve("diff.m4b"), false);
        Mp4TagWriter writer = writer();
        TagSet source = writer.read(book);
        assertThat(source.text(Mp4Atoms.TITLE)).isEqualTo("Source title");
        assertThat(source.text(Mp4Atoms.ARTIST)).isEqualTo("Source Author/Narrator");
        assertThat(source.get(Mp4Atoms.COVER)).isPresent();

        TagSet tags = new AudibleTags(new HtmlText()).tags(product("Neu", "2", false), Optional.of(cover()));
        List<TagChange> changes = tags.diff(source);
        assertThat(changes).contains(new TagChange(Mp4Atoms.TITLE, "Source title", "Neu"),
            new TagChange(Mp4Atoms.ARTIST, "Source Author/Narrator", "Jörg Müller, Hélène Dupont"));
        TagChange cover = changes.stream().filter(c -> c.field().equals(Mp4Atoms.COVER)).findFirst().orElseThrow();
        assertThat(cover.oldValue()).matches("jpeg 200x200, \\d+ kB");
        assertThat(cover.newValue()).matches("jpeg 500x500, \\d+ kB");

        writer.write(book, tags);

        TagSet after = writer.read(book);
        assertThat(after.only(tags.fields().keySet())).isEqualTo(tags);
        assertThat(tags.diff(after)).isEmpty();
        // a field the set does not name is kept
        assertThat(after.text("\u00a9too")).isNotEmpty();
    }

    @Test
    void aBookWithoutAMatchKeepsItsOwnTags() throws Exception {
        Path book = books.book(dir.resolve("own.m4b"), true);
        TagSet own = new SourceTags().tags(new org.automb.plan.BookTags("Mein Titel", "Mein Album", "Émile Zola", "Émile Zola",
            "Ærø Narrator", "1885", "", "Roman"), Optional.empty());

        writer().write(book, own);

        Map<String, String> ffprobe = ffprobeTags(book);
        assertThat(ffprobe).containsEntry("title", "Mein Titel").containsEntry("album", "Mein Album")
            .containsEntry("artist", "Émile Zola").containsEntry("composer", "Ærø Narrator").containsEntry("date", "1885")
            .containsEntry("genre", "Roman").containsEntry("media_type", "2");
    }

    @Test
    void aReadOnlyFolderFailsAndLeavesTheBookAsItWas() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
            "root may write any folder");
        Path folder = Files.createDirectories(dir.resolve("locked"));
        Path book = books.book(folder.resolve("book.m4b"), false);
        byte[] original = Files.readAllBytes(book);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThatThrownBy(() -> writer().write(book, new AudibleTags(new HtmlText())
                .tags(product("X", "1", false), Optional.empty())))
                .isInstanceOf(TagWriteFailure.class).hasMessageContaining("book.m4b");
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertThat(Files.readAllBytes(book)).isEqualTo(original);
        assertThat(names(folder)).containsExactly("book.m4b");
    }

    @Test
    void aFailureAfterTheCopyIsMadeRemovesTheCopyAndLeavesTheBookAsItWas() throws Exception {
        Path book = books.book(dir.resolve("book.m4b"), true);
        byte[] original = Files.readAllBytes(book);
        // a number for an atom jaudiotagger has no numeric key for fails while the copy is tagged
        TagSet unwritable = TagSet.builder().text(Mp4Atoms.TITLE, "New").number("zzzz", 7).build();

        assertThatThrownBy(() -> writer().write(book, unwritable))
            .isInstanceOf(TagWriteFailure.class).hasMessageContaining("book.m4b").hasMessageContaining("zzzz");

        assertThat(Files.readAllBytes(book)).isEqualTo(original);
        assertThat(names(dir)).containsExactly("book.m4b");
    }

    @Test
    void aTruncatedBookFailsAndIsLeftAsItWas() throws Exception {
        Path book = TestAudio.truncate(books.book(dir.resolve("cut.m4b"), false), 0.6);
        byte[] original = Files.readAllBytes(book);

        assertThatThrownBy(() -> writer().write(book, new AudibleTags(new HtmlText())
            .tags(product("X", "1", false), Optional.empty())))
            .isInstanceOf(TagWriteFailure.class).hasMessageContaining("cut.m4b");

        assertThat(Files.readAllBytes(book)).isEqualTo(original);
        assertThat(names(dir)).containsExactly("cut.m4b");
    }

    @Test
    void aCopyThatDiffersFromTheBookIsNotKept() throws Exception {
        // a probe that sees one chapter fewer in every copy: the writer must refuse the copy
        Path book = books.book(dir.resolve("odd.m4b"), false);
        byte[] original = Files.readAllBytes(book);
        MediaProbe dropsAChapterInCopies = file -> {
            JsonNode probed = probe.probe(file);
            if (file.getFileName().toString().endsWith(".partial")) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) probed.path("chapters")).remove(0);
            }
            return probed;
        };

        assertThatThrownBy(() -> new Mp4TagWriter(dropsAChapterInCopies, Optional.empty()).write(book,
            TagSet.builder().text(Mp4Atoms.TITLE, "New").build()))
            .isInstanceOf(TagWriteFailure.class).hasMessageContaining("chapters changed from 3 to 2");

        assertThat(Files.readAllBytes(book)).isEqualTo(original);
        assertThat(names(dir)).containsExactly("odd.m4b");
    }

    private static void assertSameBook(Path book, M4bInspector.M4bFacts before) {
        M4bInspector.M4bFacts after = inspector.inspect(book);
        assertThat(after.durationSeconds()).isCloseTo(before.durationSeconds(), org.assertj.core.data.Offset.offset(0.001));
        assertThat(after.chapters()).isEqualTo(before.chapters());
        assertThat(after.chapterTitles()).containsExactlyElementsOf(ChapteredBooks.TITLES);
        assertThat(after.codec()).isEqualTo("aac");
        // ffmpeg decodes it to its end without an error, and as many samples as before
        assertThat(ffmpegErrors(book)).isEmpty();
        long samples = inspector.decodedSamples(book);
        assertThat(samples).isCloseTo(Math.round(books.seconds() * 22050), org.assertj.core.data.Offset.offset(2048L));
        // GStreamer (qtdemux) plays it too, to the same length
        assertThat((long) GstDecode.mono(book).length).isCloseTo(samples, org.assertj.core.data.Offset.offset(1024L));
    }

    private static boolean moovFirst(Path book) throws Exception {
        return Mp4File.read(book).topLevel().stream().map(Mp4File.TopBox::type)
            .filter(t -> t.equals("moov") || t.equals("mdat")).findFirst().orElseThrow().equals("moov");
    }

    private static String text(Map<String, List<IlstReader.Item>> ilst, String id) {
        assertThat(ilst).as("atom %s", id).containsKey(id);
        assertThat(ilst.get(id)).as("atom %s", id).hasSize(1);
        assertThat(ilst.get(id).get(0).type()).as("atom %s is UTF-8 text", id).isEqualTo(1);
        return ilst.get(id).get(0).text();
    }

    private static long number(Map<String, List<IlstReader.Item>> ilst, String id) {
        assertThat(ilst).as("atom %s", id).containsKey(id);
        return ilst.get(id).get(0).number();
    }

    private Map<String, String> ffprobeTags(Path book) throws IOException {
        JsonNode root = json.readTree(run(audio.tools().ffprobeCommand(List.of("-v", "error", "-show_format", "-of", "json",
            book.toString()))));
        Map<String, String> tags = new LinkedHashMap<>();
        root.path("format").path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        return tags;
    }

    private byte[] attachedPicture(Path book) throws IOException {
        Path out = dir.resolve("extracted.jpg");
        run(audio.tools().ffmpegCommand(List.of("-nostdin", "-v", "error", "-y", "-i", book.toString(), "-map", "0:v:0",
            "-c", "copy", "-f", "image2", out.toString())));
        byte[] picture = Files.readAllBytes(out);
        Files.delete(out);
        return picture;
    }

    private static String ffmpegErrors(Path book) {
        return run(audio.tools().ffmpegCommand(List.of("-nostdin", "-v", "error", "-i", book.toString(), "-f", "null", "-")));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.equals("cover.jpg")).sorted().toList();
        }
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return out.strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
