package org.automb.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class TagSetTest {

    @Test
    void keepsTheOrderFieldsWereAddedInAndSkipsBlankText() {
        TagSet tags = TagSet.builder().text(Mp4Atoms.TITLE, " Title ").text(Mp4Atoms.SUBTITLE, "  ")
            .code(Mp4Atoms.MEDIA_KIND, 2).text(Mp4Atoms.ARTIST, "A").text(Mp4Atoms.TITLE, "Title 2").build();

        assertThat(tags.fields().keySet()).containsExactly(Mp4Atoms.TITLE, Mp4Atoms.MEDIA_KIND, Mp4Atoms.ARTIST);
        assertThat(tags.text(Mp4Atoms.TITLE)).isEqualTo("Title 2");
        assertThat(tags.text(Mp4Atoms.SUBTITLE)).isEmpty();
        assertThatThrownBy(() -> tags.fields().put("x", new TagValue.Text("y"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theDiffListsNewAndChangedFieldsWithTheirOldValues() {
        TagSet old = TagSet.builder().text(Mp4Atoms.TITLE, "Old").text(Mp4Atoms.GENRE, "Same").text("\u00a9too", "Lavf")
            .code(Mp4Atoms.MEDIA_KIND, 2).build();
        TagSet wanted = TagSet.builder().text(Mp4Atoms.TITLE, "New").text(Mp4Atoms.GENRE, "Same")
            .code(Mp4Atoms.MEDIA_KIND, 2).flag(Mp4Atoms.GAPLESS, true).number(Mp4Atoms.MOVEMENT_INDEX, 3).build();

        assertThat(wanted.diff(old)).containsExactly(
            new TagChange(Mp4Atoms.TITLE, "Old", "New"),
            new TagChange(Mp4Atoms.GAPLESS, "", "yes"),
            new TagChange(Mp4Atoms.MOVEMENT_INDEX, "", "3"));
        assertThat(wanted.diff(wanted)).isEmpty();
    }

    @Test
    void aCoverShowsAsItsTypeDimensionsAndSizeNeverItsBytes() {
        TagValue.Cover jpeg = TagValue.Cover.of(jpeg(500, 400, 45_000));
        TagValue.Cover png = TagValue.Cover.of(png(1024, 768));
        TagValue.Cover cutJpeg = TagValue.Cover.of(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 0, 0});

        assertThat(jpeg.display()).isEqualTo("jpeg 500x400, 45 kB");
        assertThat(png.mime()).isEqualTo("image/png");
        assertThat(png.display()).isEqualTo("png 1024x768, 0 kB");
        assertThat(cutJpeg.display()).isEqualTo("jpeg, 0 kB");
        assertThat(TagSet.builder().cover(jpeg(500, 400, 100)).build().diff(TagSet.empty()))
            .containsExactly(new TagChange(Mp4Atoms.COVER, "", "jpeg 500x400, 0 kB"));
        assertThat(TagValue.Cover.of(jpeg(500, 400, 100))).isEqualTo(TagValue.Cover.of(jpeg(500, 400, 100)));
        assertThatThrownBy(() -> TagSet.builder().cover(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
    }

    /** A JPEG header as far as the size is read: SOI, an APP0 segment, then SOF0 with height and width. */
    private static byte[] jpeg(int width, int height, int size) {
        ByteBuffer bytes = ByteBuffer.allocate(Math.max(size, 40));
        bytes.put(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 4, 0, 0});
        bytes.put(new byte[] {(byte) 0xff, (byte) 0xc0, 0, 17, 8}).putShort((short) height).putShort((short) width);
        return bytes.array();
    }

    private static byte[] png(int width, int height) {
        ByteBuffer bytes = ByteBuffer.allocate(33);
        bytes.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        bytes.putInt(width).putInt(height);
        return bytes.array();
    }
}
