package org.automb.media.mp4;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The top level of an MP4 file as the joiner needs it: where its boxes lie and its {@code moov}, parsed. Only the
 * headers of the other top-level boxes are read; the media data stays on disk.
 *
 * @param topLevel the top-level boxes in file order
 * @param moov     the parsed movie box
 */
public record Mp4File(Path file, long size, List<TopBox> topLevel, Box moov) {

    /** A top-level box: its type and where it lies in the file. */
    public record TopBox(String type, long offset, long size) {
        long end() {
            return offset + size;
        }
    }

    public Mp4File {
        topLevel = List.copyOf(topLevel);
    }

    /** The moov box stays under this size (its tables grow with the audio: about 8 bytes a frame). */
    private static final long MAX_MOOV = 512L << 20;

    /** Reads the layout and the moov of {@code file}; anything but a plain (not fragmented) MP4 is refused. */
    public static Mp4File read(Path file) throws IOException, NotJoinableException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            List<TopBox> boxes = scan(channel, fileSize);
            if (boxes.isEmpty() || !boxes.get(0).type().equals("ftyp")) {
                throw new NotJoinableException("not an MP4 file (no 'ftyp' first)");
            }
            if (boxes.stream().anyMatch(b -> b.type().equals("moof"))) {
                throw new NotJoinableException("a fragmented MP4 ('moof')");
            }
            List<TopBox> moovs = boxes.stream().filter(b -> b.type().equals("moov")).toList();
            if (moovs.size() != 1) {
                throw new NotJoinableException(moovs.size() + " 'moov' boxes");
            }
            TopBox moovBox = moovs.get(0);
            if (moovBox.size() > MAX_MOOV) {
                throw new NotJoinableException("a 'moov' of " + moovBox.size() + " bytes");
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) moovBox.size());
            readFully(channel, bytes, moovBox.offset());
            bytes.flip();
            List<Box> parsed = Box.parseAll(bytes);
            return new Mp4File(file, fileSize, boxes, parsed.get(0));
        }
    }

    public TopBox first(String type) throws NotJoinableException {
        return topLevel.stream().filter(b -> b.type().equals(type)).findFirst()
            .orElseThrow(() -> new NotJoinableException("no '" + type + "' box"));
    }

    /** The traks whose handler is {@code handler} ("soun" for audio). */
    public List<Box> tracks(String handler) throws NotJoinableException {
        List<Box> found = new ArrayList<>();
        for (Box trak : moov.childrenOf("trak")) {
            if (Track.handler(trak).equals(handler)) {
                found.add(trak);
            }
        }
        return found;
    }

    private static List<TopBox> scan(FileChannel channel, long fileSize) throws IOException, NotJoinableException {
        List<TopBox> boxes = new ArrayList<>();
        ByteBuffer header = ByteBuffer.allocate(16);
        long offset = 0;
        while (offset < fileSize) {
            if (fileSize - offset < 8) {
                throw new NotJoinableException("a top-level box header is cut short");
            }
            TopBox box = readHeader(channel, header, offset, fileSize);
            if (box.size() < 8 || box.size() > fileSize - offset) {
                throw new NotJoinableException("not an MP4 file (a box '" + printable(box.type()) + "' runs past the end)");
            }
            boxes.add(box);
            offset += box.size();
        }
        return boxes;
    }

    /**
     * The top-level box whose header starts at {@code offset} (at least 8 bytes must be left), with the size its
     * header states: a 64-bit size read where given, a size of 0 meaning "to the end of the file".
     */
    static TopBox readHeader(FileChannel channel, ByteBuffer header, long offset, long fileSize) throws IOException {
        header.clear().limit((int) Math.min(16, fileSize - offset));
        readFully(channel, header, offset);
        header.flip();
        long size = Integer.toUnsignedLong(header.getInt());
        String type = Box.fourCc(header.getInt());
        if (size == 1 && header.remaining() >= 8) {
            size = header.getLong();
        } else if (size == 0) {
            size = fileSize - offset;
        }
        return new TopBox(type, offset, size);
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? type : "?";
    }

    static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new java.io.EOFException("unexpected end of file");
            }
            at += n;
        }
    }
}
