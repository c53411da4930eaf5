package org.automb.audio.libav;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.automb.failure.PermanentFailure;
import org.automb.media.AudioSource;
import org.automb.media.LoudnessEnvelope;
import org.automb.media.LoudnessMeter;
import org.automb.media.libav.LibavErrors;
import org.automb.media.libav.LibavText;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Encodes one {@link Segment} of a book on the calling thread: decodes the sources in order from the one holding
 * the segment's first fed sample, feeds ffmpeg's native AAC encoder frame by frame, and writes the packets it keeps
 * back to back into a file. Decoding and encoding on one thread costs less CPU than ffmpeg's command line, which
 * hands every frame between a demuxer, decoder, filter, encoder and muxer thread.
 */
final class SegmentEncoder {

    private static final int FRAME = SegmentPlanner.FRAME;
    private static final int CHECK_EVERY_FRAMES = 64;

    /**
     * What every segment of a book shares.
     *
     * @param sourceStarts where each source starts in the book, in samples (known before a split); {@code null}
     *                     for a book encoded as one segment
     */
    record BookInput(String key, List<AudioSource> sources, long[] sourceStarts, AacTarget target) {
        int sampleRate() {
            return target.sampleRate();
        }

        int channels() {
            return target.channels();
        }
    }

    /** A packet kept for the head file (see {@link HeadWriter}). */
    record HeadPacket(byte[] data, long pts, long duration) {
    }

    /**
     * Encodes {@code segment}; for the book's first segment also writes {@code head}, a small MP4 of its first
     * frames that carries the encoder's setup.
     */
    EncodedSegment encode(BookInput book, Segment segment, Path packetsFile, Path head, EncodeControl control) throws IOException {
        int first = 0;
        long skip = 0;
        if (segment.feedStart() > 0) {
            first = sourceAt(book.sourceStarts(), segment.feedStart());
            skip = segment.feedStart() - book.sourceStarts()[first];
        }
        long toFeed = segment.feedEnd() == Long.MAX_VALUE ? Long.MAX_VALUE : segment.feedEnd() - segment.feedStart();
        AVCodecContext encoder = openEncoder(book);
        AVAudioFifo fifo = avutil.av_audio_fifo_alloc(avutil.AV_SAMPLE_FMT_FLTP, book.channels(), 4 * FRAME);
        AVFrame input = avutil.av_frame_alloc();
        AVPacket packet = avcodec.av_packet_alloc();
        Map<Integer, Long> decoded = new HashMap<>();
        int failed = 0;
        LoudnessMeter loudness = new LoudnessMeter(book.sampleRate(), LoudnessEnvelope.BLOCK_MILLIS);
        try (KeptPackets kept = new KeptPackets(segment, packetsFile, control)) {
            FrameFeed feed = new FrameFeed(encoder, fifo, input, packet, kept, new LevelTap(segment, loudness, book.channels()));
            int frames = 0;
            sources:
            for (int s = first; s < book.sources().size(); s++) {
                AudioSource source = book.sources().get(s);
                try (SourceDecoder decoder = SourceDecoder.open(source, book.sampleRate(), book.channels())) {
                    long samples = 0;
                    int appended;
                    while ((appended = decoder.decodeInto(fifo)) >= 0) {
                        samples += appended;
                        if (skip > 0) {
                            int drop = (int) Math.min(skip, avutil.av_audio_fifo_size(fifo));
                            avutil.av_audio_fifo_drain(fifo, drop);
                            skip -= drop;
                        }
                        while (avutil.av_audio_fifo_size(fifo) >= FRAME && feed.fed() < toFeed) {
                            feed.send(FRAME);
                            if (++frames % CHECK_EVERY_FRAMES == 0) {
                                control.check();
                            }
                        }
                        if (feed.fed() >= toFeed) {
                            failed += decoder.failedPackets();
                            break sources; // the post-roll is fed: the rest is the next segment's
                        }
                    }
                    failed += decoder.failedPackets();
                    if (samples == 0) {
                        throw new PermanentFailure(book.key(), source.file(),
                            "the audio cannot be decoded: it holds no decodable audio", "");
                    }
                    org.automb.audio.TruncationCheck.problem(samples, book.sampleRate(), source)
                        .ifPresent(reason -> {
                            throw new PermanentFailure(book.key(), source.file(), reason, "");
                        });
                    decoded.put(s, samples);
                } catch (SourceDecoder.Unreadable e) {
                    throw new PermanentFailure(book.key(), source.file(), "the audio cannot be decoded: " + e.getMessage(), "");
                } catch (SourceDecoder.ConversionFailed e) {
                    throw new PermanentFailure(book.key(), source.file(), "the audio cannot be encoded: " + e.getMessage(), "");
                }
            }
            int rest = avutil.av_audio_fifo_size(fifo);
            if (rest > 0 && feed.fed() < toFeed) {
                feed.send((int) Math.min(rest, toFeed - feed.fed())); // the book's last, shorter frame
            }
            feed.flush();
            kept.finish();
            if (kept.count() == 0) {
                throw new IllegalStateException("segment " + segment.index() + " of '" + book.key() + "' kept no packets");
            }
            if (segment.first()) {
                HeadWriter.write(head, encoder, kept.headPackets());
            }
            return new EncodedSegment(segment, packetsFile, kept.sizes(), kept.lastDuration(), decoded, failed, loudness);
        } finally {
            avcodec.av_packet_free(packet);
            avutil.av_frame_free(input);
            avutil.av_audio_fifo_free(fifo);
            avcodec.avcodec_free_context(encoder);
        }
    }

    /** The source holding sample {@code position} of the book. */
    static int sourceAt(long[] starts, long position) {
        int found = Arrays.binarySearch(starts, position);
        int index = found >= 0 ? found : -found - 2;
        // several empty sources can start at one position: the last of them holds it
        while (index + 1 < starts.length && starts[index + 1] == position) {
            index++;
        }
        return Math.max(0, index);
    }

    private static AVCodecContext openEncoder(BookInput book) {
        AVCodec codec = avcodec.avcodec_find_encoder_by_name("aac");
        if (codec == null || codec.isNull()) {
            throw new IllegalStateException("the bundled libavcodec has no AAC encoder");
        }
        AVCodecContext encoder = avcodec.avcodec_alloc_context3(codec);
        encoder.sample_fmt(avutil.AV_SAMPLE_FMT_FLTP);
        encoder.sample_rate(book.sampleRate());
        avutil.av_channel_layout_default(encoder.ch_layout(), book.channels());
        encoder.bit_rate(book.target().bitrateKbps() * 1000L);
        encoder.time_base(avutil.av_make_q(1, book.sampleRate()));
        // MP4 keeps the decoder setup in its sample description, not in the stream (as ffmpeg sets it for ipod/mp4)
        encoder.flags(encoder.flags() | avcodec.AV_CODEC_FLAG_GLOBAL_HEADER);
        int opened = avcodec.avcodec_open2(encoder, codec, (PointerPointer<?>) null);
        if (opened < 0) {
            avcodec.avcodec_free_context(encoder);
            throw new IllegalStateException("cannot open the AAC encoder (" + book.sampleRate() + " Hz, " + book.channels()
                + " channels, " + book.target().bitrateKbps() + " kbps): " + LibavText.error(opened));
        }
        return encoder;
    }

    /** Moves samples from the fifo into the encoder, one frame at a time, numbering them from 0. */
    private static final class FrameFeed {
        private final AVCodecContext encoder;
        private final AVAudioFifo fifo;
        private final AVFrame input;
        private final AVPacket packet;
        private final KeptPackets kept;
        private final LevelTap levels;
        private long fed;

        FrameFeed(AVCodecContext encoder, AVAudioFifo fifo, AVFrame input, AVPacket packet, KeptPackets kept, LevelTap levels) {
            this.levels = levels;
            this.encoder = encoder;
            this.fifo = fifo;
            this.input = input;
            this.packet = packet;
            this.kept = kept;
            input.format(avutil.AV_SAMPLE_FMT_FLTP);
            input.sample_rate(encoder.sample_rate());
            avutil.av_channel_layout_copy(input.ch_layout(), encoder.ch_layout());
            input.nb_samples(FRAME);
            if (avutil.av_frame_get_buffer(input, 0) < 0) {
                throw new OutOfMemoryError("no native memory for an audio frame");
            }
        }

        long fed() {
            return fed;
        }

        void send(int samples) throws IOException {
            // the buffer is reused; a new one only while the encoder still holds a reference to the last frame
            if (avutil.av_frame_make_writable(input) < 0) {
                throw new OutOfMemoryError("no native memory for an audio frame");
            }
            input.nb_samples(samples); // only the book's last frame is shorter: the buffer holds a whole frame
            avutil.av_audio_fifo_read(fifo, input.extended_data(), samples);
            input.pts(fed);
            levels.measure(input, fed, samples);
            fed += samples;
            check(avcodec.avcodec_send_frame(encoder, input));
            drain();
        }

        void flush() throws IOException {
            check(avcodec.avcodec_send_frame(encoder, null));
            drain();
        }

        private void drain() throws IOException {
            int received;
            while ((received = avcodec.avcodec_receive_packet(encoder, packet)) >= 0) {
                kept.offer(packet);
                avcodec.av_packet_unref(packet);
            }
            if (received != LibavErrors.EAGAIN && received != avutil.AVERROR_EOF) {
                check(received);
            }
        }

        private static void check(int result) {
            if (result < 0) {
                throw new IllegalStateException("the AAC encoder failed: " + LibavText.error(result));
            }
        }
    }

    /**
     * Measures the loudness of the samples the encoder is fed inside the segment's own stretch (not its pre- and
     * post-roll, which the neighbours measure), for the chapter splitter: the PCM is in hand already, so the book
     * is not decoded a second time. Copying a frame out and squaring it costs far less than encoding it.
     */
    private static final class LevelTap {
        private final LoudnessMeter meter;
        private final long from;
        private final long to;
        private final long feedStart;
        private final int channels;
        private final float[] buffer = new float[FRAME];

        LevelTap(Segment segment, LoudnessMeter meter, int channels) {
            this.meter = meter;
            this.from = Math.max(0, segment.keepStart());
            this.to = segment.keepEnd();
            this.feedStart = segment.feedStart();
            this.channels = channels;
        }

        /** Adds the {@code samples} of {@code frame}, the first of them sample {@code fed} of the segment's feed. */
        void measure(AVFrame frame, long fed, int samples) {
            long first = feedStart + fed;
            long start = Math.max(first, from);
            long end = Math.min(first + samples, to);
            if (start >= end) {
                return;
            }
            int offset = (int) (start - first);
            int count = (int) (end - start);
            for (int c = 0; c < channels; c++) {
                // a view of the frame's plane: owns no memory, so nothing to free
                new FloatPointer(frame.extended_data(c)).capacity(offset + count).position(offset).get(buffer, 0, count);
                meter.add(start, buffer, 0, count);
            }
        }
    }

    /** The packets whose audio starts inside the segment, written back to back; the first two kept aside too. */
    private static final class KeptPackets implements AutoCloseable {
        private final Segment segment;
        private final EncodeControl control;
        private final OutputStream out;
        private byte[] buffer = new byte[8192];
        private int[] sizes = new int[1024];
        private int count;
        private long lastDuration;
        private final List<HeadPacket> head = new ArrayList<>(2);

        KeptPackets(Segment segment, Path file, EncodeControl control) throws IOException {
            this.segment = segment;
            this.control = control;
            this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        }

        void offer(AVPacket packet) throws IOException {
            long start = segment.feedStart() + packet.pts();
            if (start < segment.keepStart() || start >= segment.keepEnd()) {
                return;
            }
            if (count > 0 && lastDuration != FRAME) {
                throw new IllegalStateException("the AAC encoder wrote a short frame before the end of the audio");
            }
            int size = packet.size();
            if (buffer.length < size) {
                buffer = new byte[Math.max(size, buffer.length * 2)];
            }
            packet.data().capacity(size).get(buffer, 0, size);
            out.write(buffer, 0, size);
            if (count == sizes.length) {
                sizes = Arrays.copyOf(sizes, count * 2);
            }
            sizes[count++] = size;
            lastDuration = packet.duration();
            if (segment.first() && head.size() < 2) {
                head.add(new HeadPacket(Arrays.copyOf(buffer, size), packet.pts(), packet.duration()));
            }
            control.encoded(start < 0 ? 0 : packet.duration());
        }

        void finish() throws IOException {
            out.flush();
        }

        int count() {
            return count;
        }

        int[] sizes() {
            return Arrays.copyOf(sizes, count);
        }

        long lastDuration() {
            return lastDuration;
        }

        List<HeadPacket> headPackets() {
            return List.copyOf(head);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
