package org.automb.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.automb.media.mp4.Mp4File;
import org.automb.plan.LibavProbe;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check that keeps a tag writer from delivering a book whose chapter track it broke. */
class BookIntegrityTest {

    @TempDir
    Path dir;

    private final BookIntegrity integrity = new BookIntegrity(MediaProbe.libav(LibavProbe.require()));

    @Test
    void aCopyIsTheSameBookAndAChapterTrackLeftPointingElsewhereIsNot() throws Exception {
        Path book = new ChapteredBooks(TestAudio.bundled()).book(dir.resolve("book.m4b"), true);
        Path copy = Files.copy(book, dir.resolve("copy.m4b"));
        BookIntegrity.Facts facts = integrity.read(book);
        assertThat(facts.moovFirst()).isTrue();
        assertThat(facts.tracks()).extracting(BookIntegrity.TrackFact::handler).containsExactly("soun", "text");
        assertThat(facts.neroChapters()).isPresent();
        assertThat(BookIntegrity.differences(facts, integrity.read(copy))).isEmpty();

        // what a tag writer that grew the moov without moving the chapter track's chunk offsets would leave
        shiftSecondChunkOffsetTable(copy, 8);

        assertThat(BookIntegrity.differences(facts, integrity.read(copy)))
            .anySatisfy(problem -> assertThat(problem).startsWith("the tracks' samples changed"));
    }

    @Test
    void chunkOffsetsATagWriterLeftBehindArePutBack() throws Exception {
        Path book = new ChapteredBooks(TestAudio.bundled()).book(dir.resolve("book.m4b"), true);
        BookIntegrity.Facts facts = integrity.read(book);
        Path copy = Files.copy(book, dir.resolve("copy.m4b"));
        // tags that grow the moov in front of the audio: jaudiotagger moves the media data and every stco with it
        org.jaudiotagger.audio.AudioFile tagged = org.jaudiotagger.audio.AudioFileIO.readAs(copy.toFile(), "m4b");
        tagged.getTag().setField(new org.jaudiotagger.tag.mp4.field.Mp4TagTextField("ldes", "x".repeat(20_000)));
        org.jaudiotagger.audio.AudioFileIO.write(tagged);
        long moved = Mp4File.read(copy).first("mdat").offset() - Mp4File.read(book).first("mdat").offset();
        assertThat(moved).isGreaterThan(20_000);
        assertThat(BookIntegrity.differences(facts, integrity.read(copy))).isEmpty();
        // a writer that had not moved the chapter track's offsets (as jaudiotagger leaves co64 tables)
        shiftSecondChunkOffsetTable(copy, (int) -moved);
        assertThat(BookIntegrity.differences(facts, integrity.read(copy))).isNotEmpty();

        assertThat(ChunkOffsetRepair.repair(book, copy)).isTrue();

        assertThat(BookIntegrity.differences(facts, integrity.read(copy))).isEmpty();
        assertThat(org.jaudiotagger.audio.AudioFileIO.readAs(copy.toFile(), "m4b").getTag().getFirst("ldes")).hasSize(20_000);
    }

    /** Adds {@code shift} to every entry of the moov's second stco (the chapter track's, after the audio's). */
    private static void shiftSecondChunkOffsetTable(Path file, int shift) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Mp4File.TopBox moov = Mp4File.read(file).first("moov");
        int found = 0;
        for (int at = (int) moov.offset(); at + 4 < moov.offset() + moov.size(); at++) {
            if (bytes[at] == 's' && bytes[at + 1] == 't' && bytes[at + 2] == 'c' && bytes[at + 3] == 'o' && ++found == 2) {
                ByteBuffer table = ByteBuffer.wrap(bytes);
                int entries = table.getInt(at + 8);
                for (int i = 0; i < entries; i++) {
                    int entry = at + 12 + 4 * i;
                    table.putInt(entry, table.getInt(entry) + shift);
                }
                Files.write(file, bytes);
                return;
            }
        }
        throw new AssertionError("no second stco in " + file.getFileName());
    }
}
