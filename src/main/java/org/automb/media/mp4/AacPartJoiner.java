package org.automb.media.mp4;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;

/**
 * Joins AAC parts (.m4a/.m4b of one codec setup) into one .m4b without decoding: each part keeps its frames, one
 * edit skips the first part's priming, and every chapter starts on its part's first real sample, after the part's
 * own priming (see {@link JoinTimeline}: one entry, because GStreamer's qtdemux plays only the first). Unlike
 * ffmpeg's concat demuxer it places chapters on the parts' true starts and ends the book where the last part's
 * audio ends, and copies at the speed of a file copy.
 *
 * <p>The output is a "shell" that ffmpeg wrote with the book's tags, cover and chapters around the first frames
 * of part 1, with its audio tables replaced by the parts' tables: {@code ftyp}, then the {@code moov} (first, so
 * players start at once), then one {@code mdat} holding the shell's other tracks' samples (the chapter titles)
 * and every part's audio chunks, copied by the kernel from file to file (the audio never passes the heap).
 *
 * <p>Hand-written: no maintained Java MP4 library is available to this project. It reads only what it rewrites
 * (moov, trak, mdia, minf, stbl, edts and their headers and tables) and keeps every other box as bytes.
 */
public final class AacPartJoiner {

    /** How much is copied between two reports of the output's length: a reader behind stays a few ms behind. */
    private static final long REPORT_EVERY = 4L << 20;

    private AacPartJoiner() {
    }

    /** Parts the joiner can take, in play order, with where each goes. */
    public record JoinableParts(List<AudioPart> parts, long timescale, JoinTimeline timeline) {
        public JoinableParts {
            parts = List.copyOf(parts);
        }
    }

    /**
     * Reads every part's moov and checks that they can be joined: each an MP4 with one AAC track of the same codec
     * setup (sample description, bit rates aside), timescale and frame length.

     * @throws NotJoinableException naming the part and why not (the caller then joins the old way)
     */
    public static JoinableParts inspect(List<Path> files) throws IOException, NotJoinableException {
        return inspect(files, Runnable::run);
    }

    /** As {@link #inspect(List)}, the parts read side by side on {@code readers}. */
    public static JoinableParts inspect(List<Path> files, Executor readers) throws IOException, NotJoinableException {
        List<CompletableFuture<AudioPart>> reads = new ArrayList<>();
        for (Path file : files) {
            reads.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return AudioPart.read(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (NotJoinableException e) {
                    throw new CompletionException(e);
                }
            }, readers));
        }
        List<AudioPart> parts = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            try {
                parts.add(reads.get(i).join());
            } catch (CompletionException e) {
                reads.forEach(read -> read.cancel(false));
                if (e.getCause() instanceof NotJoinableException notJoinable) {
                    throw new NotJoinableException(describe(i, files.get(i)) + ": " + notJoinable.getMessage());
                }
                if (e.getCause() instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
                throw e;
            }
        }
        AudioPart first = parts.get(0);
        byte[] description = first.comparableDescription();
        for (int i = 1; i < parts.size(); i++) {
            AudioPart part = parts.get(i);
            if (part.timescale() != first.timescale() || part.timing().frame() != first.timing().frame()) {
                throw new NotJoinableException(describe(i, part.file()) + ": another timescale or frame length than part 1");
            }
            if (!Arrays.equals(part.comparableDescription(), description)) {
                throw new NotJoinableException(describe(i, part.file()) + ": another codec setup (sample description) than part 1");
            }
        }
        JoinTimeline timeline = JoinTimeline.of(parts.stream().map(AudioPart::timing).toList());
        return new JoinableParts(parts, first.timescale(), timeline);
    }

    /** Writes {@code output}: the shell's metadata and other tracks with the parts' audio (see the class comment). */
    public static void join(Path shell, JoinableParts parts, Path output) throws IOException, NotJoinableException {
        join(shell, parts, output, written -> { });
    }

    /**
     * As {@link #join(Path, JoinableParts, Path)}, telling {@code written} how many bytes of the output are written
     * as it goes (every few megabytes), so that another thread can read them behind it.
     */
    public static void join(Path shell, JoinableParts parts, Path output, LongConsumer written)
        throws IOException, NotJoinableException {
        Mp4File shellFile = Mp4File.read(shell);
        JoinedMovie movie = JoinedMovie.of(shellFile, parts);
        byte[] ftyp = readTopBox(shellFile, shellFile.first("ftyp"));
        long dataSize = movie.dataSize();
        int mdatHeader = dataSize + 8 > 0xFFFF_FFFFL ? 16 : 8;
        boolean wide = false;
        Box moov = movie.moov(0, wide);
        long dataStart = ftyp.length + moov.size() + mdatHeader;
        if (dataStart + dataSize > 0xFFFF_FFFFL) {
            // chunk offsets past 4 GiB need co64; the moov grows by 4 bytes a chunk, the offsets with it
            wide = true;
            dataStart = ftyp.length + movie.moov(0, true).size() + mdatHeader;
        }
        moov = movie.moov(dataStart, wide);
        try (FileChannel out = FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            // the moov's tables go out as they are (a long book's are megabytes), not copied into one buffer
            List<ByteBuffer> head = new ArrayList<>();
            head.add(ByteBuffer.wrap(ftyp));
            moov.appendTo(head);
            head.add(mdatHeader == 16
                ? ByteBuffer.allocate(16).putInt(1).putInt(Box.fourCc("mdat")).putLong(dataSize + 16).flip()
                : ByteBuffer.allocate(8).putInt((int) (dataSize + 8)).putInt(Box.fourCc("mdat")).flip());
            ByteBuffer[] buffers = head.toArray(ByteBuffer[]::new);
            while (buffers[buffers.length - 1].hasRemaining()) {
                out.write(buffers);
            }
            written.accept(out.position());
            copyRanges(shell, movie.shellChunks(), out, written);
            for (AudioPart part : parts.parts()) {
                copyRanges(part.file(), part.chunks(), out, written);
            }
            if (out.position() != dataStart + dataSize) {
                throw new IOException("wrote " + out.position() + " bytes, expected " + (dataStart + dataSize));
            }
        }
    }

    /** Copies {@code ranges} of {@code file} in order to the end of {@code out}, adjacent ranges in one transfer. */
    private static void copyRanges(Path file, List<SampleTable.ByteRange> ranges, FileChannel out, LongConsumer written)
        throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long start = -1;
            long length = 0;
            for (SampleTable.ByteRange range : ranges) {
                if (start >= 0 && start + length == range.offset()) {
                    length += range.length();
                    continue;
                }
                transfer(file, in, start, length, out, written);
                start = range.offset();
                length = range.length();
            }
            transfer(file, in, start, length, out, written);
        }
    }

    private static void transfer(Path file, FileChannel in, long start, long length, FileChannel out, LongConsumer written)
        throws IOException {
        long done = 0;
        while (done < length) {
            long n = in.transferTo(start + done, Math.min(length - done, REPORT_EVERY), out);
            if (n <= 0) {
                throw new IOException("part '" + file.getFileName() + "' ended early while being copied");
            }
            done += n;
            written.accept(out.position());
        }
    }

    private static byte[] readTopBox(Mp4File file, Mp4File.TopBox box) throws IOException {
        try (FileChannel in = FileChannel.open(file.file(), StandardOpenOption.READ)) {
            ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(box.size()));
            Mp4File.readFully(in, bytes, box.offset());
            return bytes.array();
        }
    }

    private static String describe(int index, Path file) {
        return "part " + (index + 1) + " (" + file.getFileName() + ")";
    }
}
