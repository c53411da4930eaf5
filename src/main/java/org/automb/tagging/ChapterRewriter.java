package org.automb.tagging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.automb.audio.join.LibavShellWriter;
import org.automb.media.mp4.AacPartJoiner;
import org.automb.media.mp4.Box;
import org.automb.media.mp4.Mp4File;
import org.automb.media.mp4.NotJoinableException;
import org.automb.plan.Chapter;

/**
 * Writes a new chapter list into a finished m4b, as a new file (the caller verifies and renames it): the audio
 * bit for bit (the same frames, sample tables and edit, so the same samples decode), the tags and the cover as
 * they were, and the chapters in both forms the project writes, the QuickTime chapter track and Nero's
 * {@code chpl}.
 *
 * <p>It uses the project's own exact machinery: {@link LibavShellWriter} writes a small shell with the new chapters
 * around the m4b's first frames, and {@link AacPartJoiner} joins the m4b itself as the one AAC part into it, so no
 * audio is decoded and the file is copied at the speed of a file copy. The shell gets no tags: the m4b's own
 * {@code udta} (its {@code meta}/{@code ilst} with every tag and the {@code covr} cover, whichever writer wrote
 * them, freeform {@code ----} atoms included) is carried over as bytes, only its {@code chpl} replaced by the new one.
 * An m4b the joiner cannot take (fragmented, several audio tracks or edits) is refused with
 * {@link NotJoinableException}; its chapters stay as they are.
 */
public final class ChapterRewriter {

    private final LibavShellWriter shellWriter;

    /** @param shellWriter the in-JVM shell writer ({@link LibavShellWriter#load()}) */
    public ChapterRewriter(LibavShellWriter shellWriter) {
        this.shellWriter = shellWriter;
    }

    /**
     * Writes {@code m4b} with {@code chapters} to {@code output} (which must not be {@code m4b}); scratch files
     * beside {@code output} are removed either way.
     *
     * @throws NotJoinableException when the m4b is no plain MP4 with an audio track (nothing is written)
     * @throws IOException          when the m4b cannot be read or the output written
     */
    public void rewrite(Path m4b, List<Chapter> chapters, Path output) throws IOException, NotJoinableException {
        if (m4b.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the rewritten m4b must go to another file than " + m4b);
        }
        Mp4File original = Mp4File.read(m4b);
        Path shell = output.resolveSibling(output.getFileName() + ".shell.m4a");
        Path tagged = output.resolveSibling(output.getFileName() + ".tagged-shell");
        try {
            AacPartJoiner.JoinableParts parts;
            try {
                parts = AacPartJoiner.inspect(List.of(m4b));
            } catch (NotJoinableException e) {
                remux(original, chapters, output, shell);
                return;
            }
            long twoFramesMicros = Math.round(2e6 * parts.parts().get(0).timing().frame() / parts.timescale());
            shellWriter.write(shell, m4b, twoFramesMicros, Map.of(), chapters, Optional.empty(), parts.timescale());
            withTagsOf(original, Mp4File.read(shell), tagged);
            AacPartJoiner.join(tagged, parts, output);
        } finally {
            Files.deleteIfExists(shell);
            Files.deleteIfExists(tagged);
        }
    }

    /**
     * For an m4b the joiner does not take (several edits, frames of several lengths): every audio packet
     * stream-copied by the same shell writer (as {@code ffmpeg -c copy} would), then the m4b's udta carried over.
     * The packets are the same; what the m4b's edit list did beyond its start (an empty edit, a cut inside) is
     * ffmpeg's copy's.
     */
    private void remux(Mp4File original, List<Chapter> chapters, Path output, Path copy) throws IOException, NotJoinableException {
        shellWriter.write(copy, original.file(), Long.MAX_VALUE, Map.of(), chapters, Optional.empty(), audioTimescale(original));
        withTagsOf(original, Mp4File.read(copy), output);
    }

    /** The first audio track's media timescale (its sample rate), for the copy's movie timescale. */
    private static long audioTimescale(Mp4File mp4) throws NotJoinableException {
        List<Box> audio = mp4.tracks("soun");
        if (audio.isEmpty()) {
            throw new NotJoinableException("no audio track");
        }
        ByteBuffer mdhd = ByteBuffer.wrap(audio.get(0).require("mdia").require("mdhd").body());
        int at = mdhd.get(0) == 1 ? 20 : 12;
        if (mdhd.limit() < at + 4) {
            throw new NotJoinableException("a short 'mdhd'");
        }
        long timescale = Integer.toUnsignedLong(mdhd.getInt(at));
        if (timescale == 0) {
            throw new NotJoinableException("a timescale of 0");
        }
        return timescale;
    }

    /**
     * Writes {@code shell} again as {@code target} with the m4b's {@code udta} in its moov, the shell's {@code chpl}
     * in place of the m4b's. The shell is written without faststart, so its moov is its last box and nothing before
     * it moves.
     */
    static void withTagsOf(Mp4File m4b, Mp4File shell, Path target) throws IOException, NotJoinableException {
        List<Mp4File.TopBox> top = shell.topLevel();
        Mp4File.TopBox moovBox = top.get(top.size() - 1);
        if (!moovBox.type().equals("moov")) {
            throw new NotJoinableException("the chapter shell's moov is not its last box");
        }
        Optional<Box> newChapters = children(shell.moov().child("udta")).stream().filter(b -> b.type().equals("chpl")).findFirst();
        Optional<Box> oldUdta = m4b.moov().child("udta");
        List<Box> udta = new ArrayList<>();
        for (Box child : oldUdta.isPresent() ? children(oldUdta) : List.<Box>of()) {
            if (!child.type().equals("chpl")) {
                udta.add(child);
            }
        }
        newChapters.ifPresent(udta::add);
        List<Box> moov = new ArrayList<>();
        for (Box child : shell.moov().children()) {
            if (!child.type().equals("udta")) {
                moov.add(child);
            }
        }
        if (!udta.isEmpty()) {
            moov.add(Box.container("udta", udta));
        }
        byte[] moovBytes = shell.moov().withChildren(moov).toBytes();
        try (FileChannel in = FileChannel.open(shell.file(), StandardOpenOption.READ);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                 StandardOpenOption.TRUNCATE_EXISTING)) {
            long copied = 0;
            while (copied < moovBox.offset()) {
                copied += in.transferTo(copied, moovBox.offset() - copied, out);
            }
            ByteBuffer bytes = ByteBuffer.wrap(moovBytes);
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }
    }

    /** The boxes inside a {@code udta} (kept as bytes by the MP4 reader: it opens only the boxes the joiner needs). */
    private static List<Box> children(Optional<Box> udta) throws NotJoinableException {
        if (udta.isEmpty()) {
            return List.of();
        }
        if (udta.get().isContainer()) {
            return udta.get().children();
        }
        return Box.parseAll(ByteBuffer.wrap(udta.get().body()));
    }
}
