package org.automb.media.mp4;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Test files with the edit lists other tools write: an m4b whose audio is presented by two contiguous entries. */
public final class EditListFiles {

    private EditListFiles() {
    }

    /**
     * A copy of {@code m4b} (one edit, its moov last, as ffmpeg writes without faststart) whose audio edit is split
     * in two contiguous entries at half its length: players that read every entry play it as before.
     */
    public static Path splitInTwo(Path m4b, Path copy) throws IOException, NotJoinableException {
        Mp4File mp4 = Mp4File.read(m4b);
        Mp4File.TopBox moovBox = mp4.first("moov");
        if (moovBox.offset() + moovBox.size() != mp4.size()) {
            throw new IllegalArgumentException("the moov is not the last box of " + m4b);
        }
        long movieTimescale = HeaderTimes.timescale(mp4.moov().require("mvhd"));
        Box audio = mp4.tracks("soun").get(0);
        long mediaTimescale = HeaderTimes.timescale(audio.require("mdia").require("mdhd"));
        Box edts = audio.require("edts");
        EditList.Edit only = EditList.read(edts.require("elst")).edits().get(0);
        long half = only.segmentDuration() / 2;
        EditList two = new EditList(List.of(new EditList.Edit(half, only.mediaTime(), EditList.NORMAL_RATE),
            new EditList.Edit(only.segmentDuration() - half,
                only.mediaTime() + JoinTimeline.rescale(half, mediaTimescale, movieTimescale), EditList.NORMAL_RATE)));
        Box newAudio = Track.replace(audio, edts, Box.container("edts", List.of(two.toBox())));
        List<Box> children = new ArrayList<>();
        for (Box child : mp4.moov().children()) {
            children.add(child == audio ? newAudio : child);
        }
        Box moov = mp4.moov().withChildren(children);
        Files.copy(m4b, copy, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel out = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            out.truncate(moovBox.offset());
            out.position(moovBox.offset());
            ByteBuffer bytes = ByteBuffer.wrap(moov.toBytes());
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }
        return copy;
    }
}
