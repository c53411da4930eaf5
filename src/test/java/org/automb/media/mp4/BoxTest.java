package org.automb.media.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoxTest {

    @Test
    void containersAreOpenedAndEverythingElseKeptAsBytes() throws Exception {
        Box udta = Box.leaf("udta", new byte[] {0, 0, 0, 12, 'm', 'e', 't', 'a', 1, 2, 3, 4});
        Box moov = Box.container("moov", List.of(Box.leaf("mvhd", new byte[100]),
            Box.container("trak", List.of(Box.leaf("tkhd", new byte[84]))), udta));

        List<Box> read = Box.parseAll(ByteBuffer.wrap(moov.toBytes()));

        assertThat(read).hasSize(1);
        Box parsed = read.get(0);
        assertThat(parsed.isContainer()).isTrue();
        assertThat(parsed.children()).extracting(Box::type).containsExactly("mvhd", "trak", "udta");
        assertThat(parsed.require("trak").require("tkhd").body()).hasSize(84);
        assertThat(parsed.require("udta").isContainer()).as("udta is opaque").isFalse();
        assertThat(parsed.require("udta").body()).isEqualTo(udta.body());
        assertThat(parsed.toBytes()).isEqualTo(moov.toBytes());
        assertThat(parsed.size()).isEqualTo(8 + 108 + 100 + 20);
    }

    @Test
    void readsSixtyFourBitSizesAndBoxesThatRunToTheEnd() throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(16 + 4 + 8 + 2);
        bytes.putInt(1).put("free".getBytes()).putLong(20).putInt(7); // 64-bit size
        bytes.putInt(0).put("skip".getBytes()).putShort((short) 9);   // size 0: to the end
        bytes.flip();

        List<Box> read = Box.parseAll(bytes);

        assertThat(read).extracting(Box::type).containsExactly("free", "skip");
        assertThat(read.get(0).body()).hasSize(4);
        assertThat(read.get(1).body()).hasSize(2);
    }

    @Test
    void aBoxRunningPastItsParentIsRefused() {
        ByteBuffer bytes = ByteBuffer.allocate(12).putInt(40).put("moov".getBytes()).putInt(0).flip();
        assertThatThrownBy(() -> Box.parseAll(bytes)).isInstanceOf(NotJoinableException.class)
            .hasMessageContaining("'moov' runs past its parent");
    }

    @Test
    void headerDurationsWidenToVersionOneWhenTheyOutgrow32Bits() throws Exception {
        ByteBuffer mdhd = ByteBuffer.allocate(24).putInt(0).putInt(11).putInt(22).putInt(44100).putInt(1000)
            .putShort((short) 0x55c4).putShort((short) 0);
        Box header = Box.leaf("mdhd", mdhd.array());
        assertThat(HeaderTimes.timescale(header)).isEqualTo(44100);
        assertThat(HeaderTimes.duration(header)).isEqualTo(1000);

        Box same = HeaderTimes.withDuration(header, 0xFFFF_FFFFL);
        assertThat(same.body()).hasSize(24);
        assertThat(HeaderTimes.duration(same)).isEqualTo(0xFFFF_FFFFL);

        Box wide = HeaderTimes.withDuration(header, 0x1_0000_0000L);
        assertThat(wide.body()[0]).isEqualTo((byte) 1);
        assertThat(wide.body()).hasSize(36);
        assertThat(HeaderTimes.timescale(wide)).isEqualTo(44100);
        assertThat(HeaderTimes.duration(wide)).isEqualTo(0x1_0000_0000L);
        assertThat(ByteBuffer.wrap(wide.body()).getLong(4)).as("creation time kept").isEqualTo(11);
        assertThat(ByteBuffer.wrap(wide.body()).getShort(32)).as("language kept").isEqualTo((short) 0x55c4);
    }

    @Test
    void trackHeaderDurationSitsAfterTheTrackId() throws Exception {
        ByteBuffer tkhd = ByteBuffer.allocate(84).putInt(0).putInt(1).putInt(2).putInt(7).putInt(0).putInt(5000);
        Box header = Box.leaf("tkhd", tkhd.array());
        assertThat(HeaderTimes.duration(header)).isEqualTo(5000);

        Box wide = HeaderTimes.withDuration(header, 1L << 33);
        assertThat(wide.body()).hasSize(96);
        assertThat(ByteBuffer.wrap(wide.body()).getInt(20)).as("track id").isEqualTo(7);
        assertThat(HeaderTimes.duration(wide)).isEqualTo(1L << 33);
    }

    @Test
    void editListsUseVersionOneOnlyWhenAValueNeedsIt() throws Exception {
        EditList narrow = new EditList(List.of(new EditList.Edit(48128, 1024, EditList.NORMAL_RATE),
            new EditList.Edit(50176, 50176 + 1024, EditList.NORMAL_RATE)));
        Box box = narrow.toBox();
        assertThat(box.body()).hasSize(8 + 2 * 12);
        assertThat(EditList.read(box)).isEqualTo(narrow);

        EditList wide = new EditList(List.of(new EditList.Edit(1L << 32, (1L << 31) + 1024, EditList.NORMAL_RATE)));
        assertThat(wide.toBox().body()).hasSize(8 + 20);
        assertThat(wide.toBox().body()[0]).isEqualTo((byte) 1);
        assertThat(EditList.read(wide.toBox())).isEqualTo(wide);
    }
}
