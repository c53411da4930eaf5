package org.automb.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.automb.audio.join.LibavShellWriter;
import org.automb.media.mp4.AacPartJoiner;
import org.automb.media.mp4.Box;
import org.automb.media.mp4.Mp4File;
import org.automb.media.mp4.NotJoinableException;
import org.automb.plan.Chapter;
import org.automb.plan.CoverPicker;
import org.automb.testing.M4bInspector;
import org.automb.testing.TestAudio;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.jaudiotagger.tag.mp4.Mp4FieldKey;
import org.jaudiotagger.tag.mp4.Mp4Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished m4b, as the project writes it (tags, cover, chapter track and chpl) and then tagged by another writer
 * (jaudiotagger's freeform atom), gets new chapters: the audio bit for bit, every tag and the cover kept, the new
 * chapters in both the QuickTime chapter track and Nero's chpl.
 */
class ChapterRewriterTest {

    private static final TestAudio AUDIO = TestAudio.bundled();
    private static final org.automb.testing.M4bInspector PACKETS = new org.automb.testing.M4bInspector(AUDIO.tools());
    private static final M4bInspector INSPECT = new M4bInspector(AUDIO.tools());
    private final LibavShellWriter shellWriter = LibavShellWriter.load().orElseThrow();

    @TempDir
    Path dir;

    @Test
    void newChaptersGoInAndTheAudioTagsAndCoverStay() throws Exception {
        Path book = projectM4b();
        AudioFile tagged = AudioFileIO.read(book.toFile());
        Mp4Tag tag = (Mp4Tag) tagged.getTag();
        tag.setField(Mp4FieldKey.ASIN, "B0TESTASIN");
        tag.setField(FieldKey.COMPOSER, "Nära Narrator");
        tagged.commit();
        byte[] coverBefore = ((Tag) tag).getFirstArtwork().getBinaryData();
        List<Chapter> chapters = List.of(new Chapter(0, 5000, "Prolog – Ärger im Café"), new Chapter(5000, 12_000, "第一章"),
            new Chapter(12_000, 20_000, "Ende"));

        Path out = dir.resolve("out.m4b");
        new ChapterRewriter(shellWriter).rewrite(book, chapters, out);

        M4bInspector.M4bFacts before = INSPECT.inspect(book);
        M4bInspector.M4bFacts after = INSPECT.inspect(out);
        assertThat(after.chapterTitles()).containsExactly("Prolog – Ärger im Café", "第一章", "Ende");
        assertThat(after.chapters()).extracting(M4bInspector.ChapterFact::start).containsExactly(0.0, 5.0, 12.0);
        assertThat(after.chapters().get(2).end()).isCloseTo(20.0, within(0.001));
        assertThat(after.tags()).containsEntry("title", "Café Book").containsEntry("artist", "Ä Author")
            .containsEntry("album", "Café Book").containsEntry("composer", "Nära Narrator");
        assertThat(after.hasCover()).isTrue();
        assertThat(after.durationSeconds()).isEqualTo(before.durationSeconds());
        assertThat(INSPECT.decodedSamples(out)).isEqualTo(INSPECT.decodedSamples(book));
        assertThat(PACKETS.audioPacketsMd5(out)).isEqualTo(PACKETS.audioPacketsMd5(book));

        Tag readBack = AudioFileIO.read(out.toFile()).getTag();
        assertThat(((Mp4Tag) readBack).getFirst(Mp4FieldKey.ASIN)).as("a freeform ---- atom, kept as bytes").isEqualTo("B0TESTASIN");
        assertThat(readBack.getFirstArtwork().getBinaryData()).isEqualTo(coverBefore);

        Mp4File mp4 = Mp4File.read(out);
        assertThat(mp4.tracks("text")).as("the QuickTime chapter track").hasSize(1);
        assertThat(neroChapters(mp4)).containsExactly("0 Prolog – Ärger im Café", "5000 第一章", "12000 Ende");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).as("no scratch files left")
            .containsExactlyInAnyOrder("src.m4a", "cover.jpg", "book.m4b", "shell.m4b", "out.m4b");
    }

    @Test
    void anM4bTheJoinerCannotTakeAsAPartIsStreamCopiedItsTagsAndCoverKept() throws Exception {
        // a leading empty edit (as -itsoffset writes it): two edit-list entries, which the joiner does not take
        Path source = AUDIO.aac(dir.resolve("src.m4a"), 12, 22050, 1, Map.of());
        Path book = dir.resolve("edits.m4b");
        ffmpeg(List.of("-itsoffset", "0.5", "-i", source.toString(), "-c", "copy", "-metadata", "title=Zwei Edits",
            "-f", "ipod", book.toString()));
        assertThatThrownBy(() -> AacPartJoiner.inspect(List.of(book))).isInstanceOf(NotJoinableException.class);
        AudioFile tagged = AudioFileIO.read(book.toFile());
        Mp4Tag tag = (Mp4Tag) tagged.getTag();
        tag.setField(Mp4FieldKey.ASIN, "B0EDITS000");
        tag.setField(org.jaudiotagger.tag.images.ArtworkFactory.createArtworkFromFile(
            AUDIO.image(dir.resolve("cover.jpg"), 200, 200).toFile()));
        tagged.commit();

        Path out = dir.resolve("out.m4b");
        new ChapterRewriter(shellWriter).rewrite(book, List.of(new Chapter(0, 6000, "Eins"), new Chapter(6000, 12_000, "Zwei")), out);

        M4bInspector.M4bFacts after = INSPECT.inspect(out);
        assertThat(after.chapterTitles()).containsExactly("Eins", "Zwei");
        assertThat(after.chapters()).extracting(M4bInspector.ChapterFact::start).containsExactly(0.0, 6.0);
        assertThat(after.tags()).containsEntry("title", "Zwei Edits");
        assertThat(after.hasCover()).isTrue();
        assertThat(PACKETS.audioPacketsMd5(out)).as("the same packets").isEqualTo(PACKETS.audioPacketsMd5(book));
        Tag readBack = AudioFileIO.read(out.toFile()).getTag();
        assertThat(((Mp4Tag) readBack).getFirst(Mp4FieldKey.ASIN)).isEqualTo("B0EDITS000");
        assertThat(readBack.getFirstArtwork().getBinaryData()).isEqualTo(tag.getFirstArtwork().getBinaryData());
        assertThat(neroChapters(Mp4File.read(out))).containsExactly("0 Eins", "6000 Zwei");
    }

    @Test
    void aFileThatIsNoMp4IsRefusedAndNothingIsWritten() {
        Path mp3 = AUDIO.mp3(dir.resolve("book.mp3"), 3, Map.of());
        Path out = dir.resolve("out.m4b");
        assertThatThrownBy(() -> new ChapterRewriter(shellWriter).rewrite(mp3, List.of(new Chapter(0, 3000, "A")), out))
            .isInstanceOf(NotJoinableException.class);
        assertThat(out).doesNotExist();
    }

    /** An m4b as the join-aac-parts path writes it: a shell with tags, two chapters and a cover, the audio joined in. */
    private Path projectM4b() throws Exception {
        Path source = AUDIO.aac(dir.resolve("src.m4a"), 20, 22050, 1, Map.of());
        Path cover = AUDIO.image(dir.resolve("cover.jpg"), 300, 300);
        AacPartJoiner.JoinableParts parts = AacPartJoiner.inspect(List.of(source));
        Path shell = dir.resolve("shell.m4b");
        shellWriter.write(shell, source, 2 * 1024 * 1_000_000L / 22050,
            Map.of("title", "Café Book", "album", "Café Book", "artist", "Ä Author", "media_type", "2"),
            List.of(new Chapter(0, 10_000, "Part 1"), new Chapter(10_000, 20_000, "Part 2")),
            Optional.of(new CoverPicker.CoverChoice(cover, -1)), parts.timescale());
        Path book = dir.resolve("book.m4b");
        AacPartJoiner.join(shell, parts, book);
        return book;
    }

    /** The chpl entries as "startMillis title" (ffmpeg's layout: version 1, 4 reserved bytes, count, entries). */
    private static List<String> neroChapters(Mp4File mp4) throws Exception {
        Box udta = mp4.moov().child("udta").orElseThrow();
        List<Box> children = udta.isContainer() ? udta.children() : Box.parseAll(ByteBuffer.wrap(udta.body()));
        Box chpl = children.stream().filter(b -> b.type().equals("chpl")).findFirst().orElseThrow();
        ByteBuffer body = ByteBuffer.wrap(chpl.body());
        body.position(8);
        int count = body.get() & 0xff;
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = body.getLong() / 10_000;
            byte[] title = new byte[body.get() & 0xff];
            body.get(title);
            entries.add(start + " " + new String(title, StandardCharsets.UTF_8));
        }
        return entries;
    }

    private static void ffmpeg(List<String> args) throws Exception {
        List<String> full = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-v", "error", "-y"));
        full.addAll(args);
        Process process = new ProcessBuilder(AUDIO.tools().ffmpegCommand(full)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
