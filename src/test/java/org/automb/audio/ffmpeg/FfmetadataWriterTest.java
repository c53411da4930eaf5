package org.automb.audio.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.automb.plan.BookTags;
import org.automb.plan.Chapter;
import org.junit.jupiter.api.Test;

class FfmetadataWriterTest {

    private final FfmetadataWriter writer = new FfmetadataWriter();

    @Test
    void rendersTagsThenChapters() {
        BookTags tags = new BookTags("Der Schwarm", "Der Schwarm", "Frank Schätzing", "Frank Schätzing",
                "Andreas Fröhlich", "2004", "Ungekürzt", "Hörbuch");
        List<Chapter> chapters = List.of(new Chapter(0, 61_500, "Prolog"), new Chapter(61_500, 3_600_000, "Teil 1"));

        assertThat(writer.render(tags, chapters)).isEqualTo("""
                ;FFMETADATA1
                title=Der Schwarm
                album=Der Schwarm
                artist=Frank Schätzing
                album_artist=Frank Schätzing
                composer=Andreas Fröhlich
                date=2004
                comment=Ungekürzt
                genre=Hörbuch
                media_type=2
                [CHAPTER]
                TIMEBASE=1/1000
                START=0
                END=61500
                title=Prolog
                [CHAPTER]
                TIMEBASE=1/1000
                START=61500
                END=3600000
                title=Teil 1
                """);
    }

    @Test
    void leavesOutBlankAndNullTags() {
        BookTags tags = new BookTags("Title", "", null, "  ", "", "", null, "");

        assertThat(writer.render(tags, List.of())).isEqualTo(";FFMETADATA1\ntitle=Title\nmedia_type=2\n");
    }

    @Test
    void escapesSpecialCharactersInTagsAndChapterTitles() {
        BookTags tags = new BookTags("A=B; #1 \\ \"q\"", "", "", "", "", "", "line one\nline two\r\nthree", "");
        List<Chapter> chapters = List.of(new Chapter(0, 1000, "Kapitel #1; Teil=2 \\ Ende"));

        assertThat(writer.render(tags, chapters)).isEqualTo("""
                ;FFMETADATA1
                title=A\\=B\\; \\#1 \\\\ "q"
                comment=line one\\
                line two\\
                three
                media_type=2
                [CHAPTER]
                TIMEBASE=1/1000
                START=0
                END=1000
                title=Kapitel \\#1\\; Teil\\=2 \\\\ Ende
                """);
    }

    @Test
    void escapeLeavesOrdinaryAndNonAsciiTextAlone() {
        assertThat(FfmetadataWriter.escape("Ça „va“ 'bien' 日本語 — ok!")).isEqualTo("Ça „va“ 'bien' 日本語 — ok!");
        assertThat(FfmetadataWriter.escape("")).isEmpty();
    }

    @Test
    void rendersThreeHundredChapters() {
        List<Chapter> chapters = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            chapters.add(new Chapter(i * 1000L, (i + 1) * 1000L, "Kapitel " + (i + 1)));
        }

        String text = writer.render(new BookTags("T", "", "", "", "", "", "", ""), chapters);

        assertThat(text.split("\\[CHAPTER]", -1)).hasSize(301);
        assertThat(text).endsWith("START=299000\nEND=300000\ntitle=Kapitel 300\n");
    }
}
