package org.automb.media.mp4;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * An MP4 whose audio track lists more audio than the file holds: a download or copy cut short. Written with
 * {@code -movflags +faststart} such a file keeps its moov (at the front) and so probes with its full duration, and
 * a stream copy would take the missing audio for a gap; its sample tables say at once, from the moov alone, which
 * samples lie past the file's end.
 *
 * @param file            the file
 * @param declaredSeconds the audio its tables list
 * @param presentSeconds  the audio of the samples that lie wholly inside the file
 */
public record CutShort(Path file, double declaredSeconds, double presentSeconds) {

    /**
     * The cut, when {@code file} is an MP4 whose first audio track runs past the file's end; empty for a whole file,
     * and for anything this cannot read as an MP4 (a raw stream, a moov that is itself cut off): other checks judge those.
     */
    public static Optional<CutShort> of(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            Optional<Box> moov = readMoov(channel, size);
            if (moov.isEmpty()) {
                return Optional.empty();
            }
            for (Box trak : moov.get().childrenOf("trak")) {
                if (!Track.handler(trak).equals("soun")) {
                    continue;
                }
                long timescale = HeaderTimes.timescale(trak.require("mdia").require("mdhd"));
                SampleTable table = SampleTable.read(Track.stbl(trak));
                long inside = table.samplesWithin(size);
                if (timescale <= 0 || inside >= table.sampleCount()) {
                    return Optional.empty();
                }
                return Optional.of(new CutShort(file, (double) table.duration() / timescale,
                    (double) table.durationOfFirst(inside) / timescale));
            }
            return Optional.empty();
        } catch (NotJoinableException e) {
            return Optional.empty();
        }
    }

    /** The moov, when the file starts with an ftyp and holds a whole moov before any box that runs past its end. */
    private static Optional<Box> readMoov(FileChannel channel, long fileSize) throws IOException, NotJoinableException {
        ByteBuffer header = ByteBuffer.allocate(16);
        long offset = 0;
        boolean first = true;
        while (fileSize - offset >= 8) {
            Mp4File.TopBox box = Mp4File.readHeader(channel, header, offset, fileSize);
            long size = box.size();
            String type = box.type();
            if (first && !type.equals("ftyp") || size < 8) {
                return Optional.empty();
            }
            first = false;
            if (size > fileSize - offset) {
                return Optional.empty(); // the cut runs through this box: no moov after it
            }
            if (type.equals("moov")) {
                if (size > Integer.MAX_VALUE) {
                    return Optional.empty();
                }
                ByteBuffer bytes = ByteBuffer.allocate((int) size);
                Mp4File.readFully(channel, bytes, offset);
                bytes.flip();
                List<Box> parsed = Box.parseAll(bytes);
                return parsed.isEmpty() ? Optional.empty() : Optional.of(parsed.get(0));
            }
            offset += size;
        }
        return Optional.empty();
    }
}
