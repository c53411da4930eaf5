package org.automb.tagging;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.automb.media.mp4.Box;
import org.automb.media.mp4.Mp4File;
import org.automb.media.mp4.NotJoinableException;
import org.automb.media.mp4.SampleTable;

/**
 * What must not change when only a book's tags are rewritten, read from the file twice over: as libavformat plays it
 * (duration, chapter times and titles: {@link MediaProbe}) and as its boxes lay it out (each track's samples, read
 * through its own sample tables, so a chunk offset left pointing at the old place shows; the Nero {@code chpl}
 * chapter list). Comparing the samples' bytes proves the audio intact without decoding it: a long book decodes in
 * tens of seconds, its bytes read in one.
 */
final class BookIntegrity {

    /** A chapter as libavformat reads it (milliseconds). */
    record ChapterFact(long startMs, long endMs, String title) {
    }

    /** One track's samples: handler ({@code soun}, {@code text}), count, duration and a checksum of their bytes. */
    record TrackFact(String handler, long samples, long duration, long bytes, long crc) {
    }

    /** Everything compared. */
    record Facts(long durationMs, List<ChapterFact> chapters, List<TrackFact> tracks, Optional<String> neroChapters,
                 boolean moovFirst) {
    }

    private final MediaProbe probe;

    BookIntegrity(MediaProbe probe) {
        this.probe = probe;
    }

    Facts read(Path file) throws IOException {
        JsonNode probed = probe.probe(file);
        long duration = Math.round(probed.path("format").path("duration").asDouble(-1) * 1000);
        List<ChapterFact> chapters = new ArrayList<>();
        for (JsonNode chapter : probed.path("chapters")) {
            chapters.add(new ChapterFact(Math.round(chapter.path("start_time").asDouble() * 1000),
                Math.round(chapter.path("end_time").asDouble() * 1000), chapter.path("tags").path("title").asText("")));
        }
        Mp4File mp4;
        try {
            mp4 = Mp4File.read(file);
        } catch (NotJoinableException e) {
            throw new IOException("its MP4 structure cannot be read: " + e.getMessage(), e);
        }
        List<TrackFact> tracks = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (Box trak : mp4.moov().childrenOf("trak")) {
                tracks.add(track(trak, channel));
            }
        } catch (NotJoinableException e) {
            throw new IOException("a track's tables cannot be read: " + e.getMessage(), e);
        }
        Optional<String> chpl = mp4.moov().child("udta").map(BookIntegrity::openUdta)
            .flatMap(udta -> udta.stream().filter(b -> b.type().equals("chpl")).findFirst())
            .map(b -> crcOf(b.body()));
        boolean moovFirst = mp4.topLevel().stream().map(Mp4File.TopBox::type)
            .filter(t -> t.equals("moov") || t.equals("mdat")).findFirst().orElse("").equals("moov");
        return new Facts(duration, chapters, tracks, chpl, moovFirst);
    }

    /** What differs between {@code before} and {@code after}, for the user; empty when nothing does. */
    static List<String> differences(Facts before, Facts after) {
        List<String> found = new ArrayList<>();
        if (Math.abs(before.durationMs() - after.durationMs()) > 1) {
            found.add(String.format(Locale.ROOT, "the duration changed from %d ms to %d ms", before.durationMs(),
                after.durationMs()));
        }
        if (before.chapters().size() != after.chapters().size()) {
            found.add("the chapters changed from " + before.chapters().size() + " to " + after.chapters().size());
        } else {
            for (int i = 0; i < before.chapters().size(); i++) {
                ChapterFact was = before.chapters().get(i);
                ChapterFact is = after.chapters().get(i);
                if (Math.abs(was.startMs() - is.startMs()) > 1 || Math.abs(was.endMs() - is.endMs()) > 1
                    || !was.title().equals(is.title())) {
                    found.add("chapter " + (i + 1) + " changed from " + was + " to " + is);
                    break;
                }
            }
        }
        if (!before.tracks().equals(after.tracks())) {
            found.add("the tracks' samples changed from " + before.tracks() + " to " + after.tracks());
        }
        if (!before.neroChapters().equals(after.neroChapters())) {
            found.add("the Nero chapter list (chpl) changed");
        }
        return found;
    }

    private static TrackFact track(Box trak, FileChannel channel) throws NotJoinableException, IOException {
        Box mdia = trak.require("mdia");
        Box hdlr = mdia.require("hdlr");
        String handler = hdlr.body().length >= 12
            ? new String(hdlr.body(), 8, 4, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
        SampleTable table = SampleTable.read(mdia.require("minf").require("stbl"));
        CRC32C crc = new CRC32C();
        long bytes = 0;
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        for (SampleTable.ByteRange range : table.chunkRanges()) {
            long at = range.offset();
            long left = range.length();
            while (left > 0) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                int n = channel.read(buffer, at);
                if (n < 0) {
                    throw new IOException("a '" + handler + "' track's samples run past the end of the file");
                }
                buffer.flip();
                crc.update(buffer);
                at += n;
                left -= n;
                bytes += n;
            }
        }
        return new TrackFact(handler, table.sampleCount(), table.duration(), bytes, crc.getValue());
    }

    /** The udta's boxes ({@link Box} keeps it closed: it is no container the joiner opens). */
    private static List<Box> openUdta(Box udta) {
        try {
            return Box.parseAll(ByteBuffer.wrap(udta.body()));
        } catch (NotJoinableException e) {
            return List.of();
        }
    }

    private static String crcOf(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return bytes.length + ":" + Long.toHexString(crc.getValue());
    }
}
