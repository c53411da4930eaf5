package org.automb.audio.libav;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.automb.failure.TransientFailure;
import org.automb.media.AudioSource;
import org.automb.media.LoudnessEnvelope;
import org.automb.media.LoudnessMeter;
import org.automb.media.mp4.AacPartJoiner;
import org.automb.media.mp4.AudioPart;
import org.automb.media.mp4.Box;
import org.automb.media.mp4.JoinTimeline;
import org.automb.media.mp4.NotJoinableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A book's AAC encode inside the JVM, split into segments that encoders on the shared encoder pool write at once
 * when the book is long enough and cores are free (see {@link SegmentPlanner}). Where each source starts is
 * counted first (MP3 frame lengths, or a decode); every encoder then decodes its own stretch, and what it decodes
 * to the end is checked against that count: a source that decodes to another length than counted (a damaged
 * frame) makes the book be encoded again as one segment, which is exact by construction.
 */
public final class SegmentedEncode {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentedEncode.class);
    private static final int FRAME = SegmentPlanner.FRAME;

    private final SegmentPlanner planner;
    private final SourceCounter counter;
    private final ExecutorService encoders;
    private final int encoderThreads;
    private final SegmentEncoder segmentEncoder = new SegmentEncoder();
    private final java.util.concurrent.atomic.AtomicInteger booksEncoding = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param encoders       the pool every book's segment encoders run on ({@code encoderThreads} threads: CPU_CORES)
     * @param counter        counts the sources' samples before a book is split
     */
    public SegmentedEncode(SegmentPlanner planner, SourceCounter counter, ExecutorService encoders, int encoderThreads) {
        this.planner = planner;
        this.counter = counter;
        this.encoders = encoders;
        this.encoderThreads = encoderThreads;
    }

    /**
     * A book's encoded audio.
     *
     * @param segments      in play order
     * @param head          a small MP4 of the first frames, with the encoder's sample description
     * @param sourceSamples each source's samples in the book, in order
     */
    public record EncodedBook(List<EncodedSegment> segments, Path head, List<Long> sourceSamples) {

        public EncodedBook {
            segments = List.copyOf(segments);
            sourceSamples = List.copyOf(sourceSamples);
        }

        /**
         * The segments as parts for the MP4 joiner: the first one's priming skipped, the rest (no priming of their
         * own) joined frame to frame, so the book is one continuous track under one edit.
         */
        public AacPartJoiner.JoinableParts parts(int sampleRate) throws IOException, NotJoinableException {
            Box stsd = AudioPart.read(head).stsd();
            List<AudioPart> parts = new ArrayList<>();
            for (EncodedSegment segment : segments) {
                parts.add(AudioPart.ofPackets(segment.packets(), stsd, segment.sizes(), FRAME, segment.lastDuration(),
                    segment.segment().first() ? FRAME : 0, sampleRate));
            }
            return new AacPartJoiner.JoinableParts(parts, sampleRate,
                JoinTimeline.of(parts.stream().map(AudioPart::timing).toList()));
        }

        /** The book's loudness in blocks, measured on what the encoders were fed, the segments stitched together. */
        public LoudnessEnvelope loudness() {
            return LoudnessMeter.envelope(segments.stream().map(EncodedSegment::loudness).toList());
        }

        /** Where each segment starts in the book, in samples (0 for the first). */
        public List<Long> segmentStarts() {
            return segments.stream().map(s -> Math.max(0, s.segment().keepStart())).toList();
        }
    }

    /** Encodes the sources, in order, into AAC in {@code workDir}; failures name the book (and the file at fault). */
    public EncodedBook encode(String bookKey, List<AudioSource> sources, AacTarget target, Path workDir, EncodeControl control) {
        // books encoding at once share the encoders: a split only pays when cores would otherwise be idle
        int sharing = booksEncoding.incrementAndGet();
        try {
            return encode(bookKey, sources, target, workDir, control, Math.max(1, encoderThreads / sharing));
        } finally {
            booksEncoding.decrementAndGet();
        }
    }

    private EncodedBook encode(String bookKey, List<AudioSource> sources, AacTarget target, Path workDir,
                               EncodeControl control, int encoders) {
        SegmentEncoder.BookInput book = new SegmentEncoder.BookInput(bookKey, sources, null, target);
        double seconds = sources.stream().mapToDouble(AudioSource::durationSeconds).sum();
        long estimated = Math.round(seconds * target.sampleRate());
        boolean sameRate = sources.stream().allMatch(source -> source.sampleRate() == target.sampleRate());
        int wanted = sameRate ? planner.segmentsFor(estimated, encoders) : 1;
        if (wanted > 1) {
            List<Long> counts = counter.count(bookKey, sources);
            long[] starts = new long[sources.size()];
            long total = 0;
            for (int i = 0; i < starts.length; i++) {
                starts[i] = total;
                total += counts.get(i);
            }
            List<Segment> segments = planner.plan(total, wanted);
            if (segments.size() > 1) {
                SegmentEncoder.BookInput split = new SegmentEncoder.BookInput(bookKey, sources, starts, target);
                List<EncodedSegment> encoded = encodeAll(split, segments, workDir, control);
                if (consistent(encoded, counts)) {
                    LOG.debug("book '{}': encoded in {} segments at once", bookKey, encoded.size());
                    return new EncodedBook(encoded, head(workDir), counts);
                }
                LOG.info("book '{}': a source decoded to another length than counted (a damaged frame?); encoding it "
                    + "again in one piece to place every chapter exactly", bookKey);
                deletePackets(encoded);
            }
        }
        List<EncodedSegment> whole = encodeAll(book, List.of(Segment.whole(FRAME)), workDir, control);
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            samples.add(whole.get(0).decodedSamples().get(i));
        }
        return new EncodedBook(whole, head(workDir), samples);
    }

    private static Path head(Path workDir) {
        return workDir.resolve("head.m4a");
    }

    /** Runs every segment on the encoder pool; the first real failure stops the others and is the book's. */
    private List<EncodedSegment> encodeAll(SegmentEncoder.BookInput book, List<Segment> segments, Path workDir,
                                           EncodeControl control) {
        long started = System.nanoTime();
        List<CompletableFuture<EncodedSegment>> running = new ArrayList<>();
        for (Segment segment : segments) {
            Path packets = workDir.resolve("segment-" + (segment.index() + 1) + ".aac");
            running.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return segmentEncoder.encode(book, segment, packets, head(workDir), control);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (RuntimeException e) {
                    control.stopAll();
                    throw e;
                }
            }, encoders));
        }
        RuntimeException failure = null;
        List<EncodedSegment> encoded = new ArrayList<>();
        for (CompletableFuture<EncodedSegment> segment : running) {
            try {
                encoded.add(segment.join());
            } catch (CompletionException e) {
                control.stopAll();
                RuntimeException cause = translate(book.key(), e.getCause(), started);
                if (failure == null || failure instanceof EncodeControl.Stopped || cause instanceof EncodeControl.Cancelled) {
                    failure = cause;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return encoded;
    }

    private static RuntimeException translate(String bookKey, Throwable cause, long started) {
        if (cause instanceof EncodeControl.TimedOut) {
            return new TransientFailure(bookKey, null, "the encoder timed out after " + (System.nanoTime() - started) / 1_000_000_000L
                + " s and was stopped (limit: the book's duration times CONVERT_TIMEOUT_FACTOR)", "");
        }
        if (cause instanceof UncheckedIOException io) {
            return new TransientFailure(bookKey, null, "cannot write the audio: " + io.getCause().getMessage(), io.getCause());
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException(cause);
    }

    /** Every source decoded to its end by some encoder, and each to the length it was counted at. */
    private static boolean consistent(List<EncodedSegment> encoded, List<Long> counted) {
        for (int i = 0; i < counted.size(); i++) {
            boolean seen = false;
            for (EncodedSegment segment : encoded) {
                Long decoded = segment.decodedSamples().get(i);
                if (decoded != null) {
                    if (decoded.longValue() != counted.get(i)) {
                        return false;
                    }
                    seen = true;
                }
            }
            if (!seen) {
                return false;
            }
        }
        return true;
    }

    private static void deletePackets(List<EncodedSegment> encoded) {
        for (EncodedSegment segment : encoded) {
            try {
                Files.deleteIfExists(segment.packets());
            } catch (IOException e) {
                // the working folder is removed with the book anyway
            }
        }
    }
}
