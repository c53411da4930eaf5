package org.automb.media.libav;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.automb.media.LoudnessEnvelope;
import org.automb.media.LoudnessMeter;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Measures the loudness of one stretch of an audio file (a finished m4b) with the bundled libav: it seeks to just
 * before the stretch and decodes only that far, for the books whose audio was not decoded on the way (a
 * passthrough, AAC parts joined as they are, the ffmpeg paths). The chapter splitter asks it only for its search
 * windows, so a long book is never decoded whole a second time.
 */
public final class LoudnessReader {

    /** Decoded before the stretch after a seek and dropped: the decoder's first frame after a seek is not exact. */
    private static final long PREROLL_MILLIS = 1000;

    private final int blockMillis;

    public LoudnessReader() {
        this(LoudnessEnvelope.BLOCK_MILLIS);
    }

    public LoudnessReader(int blockMillis) {
        this.blockMillis = blockMillis;
    }

    /**
     * The levels of {@code [fromMillis, toMillis)} of {@code file}'s first audio stream, in the file's presented
     * time (its edit list applied, as a player's position reads).
     *
     * @throws IOException naming the file, when it cannot be opened, sought or decoded
     */
    public LoudnessEnvelope read(Path file, long fromMillis, long toMillis) throws IOException {
        try (Session session = open(file)) {
            return session.read(fromMillis, toMillis);
        }
    }

    /**
     * Opens {@code file} once for several stretches: opening a long book parses its whole sample table (about a
     * second for 10 hours), which a search window by window would otherwise pay each time.
     *
     * @throws IOException naming the file, when it cannot be opened or has no audio to decode
     */
    public Session open(Path file) throws IOException {
        return new Session(file);
    }

    /** One open file: {@link #read} measures a stretch of it (seeking there); close it when done. */
    public final class Session implements AutoCloseable {
        private final Path file;
        private final AVFormatContext format = new AVFormatContext(null);
        private final AVPacket packet = avcodec.av_packet_alloc();
        private final AVFrame frame = avutil.av_frame_alloc();
        private AVCodecContext decoder;
        private AVStream stream;
        private int index;

        private Session(Path file) throws IOException {
            this.file = file;
            try (BytePointer name = LibavText.fileName(file)) {
                check(avformat.avformat_open_input(format, name, null, null), file, "open");
            } catch (IOException e) {
                avutil.av_frame_free(frame);
                avcodec.av_packet_free(packet);
                throw e;
            }
            try {
                check(avformat.avformat_find_stream_info(format, (PointerPointer<?>) null), file, "read");
                index = avformat.av_find_best_stream(format, avutil.AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
                check(index, file, "find the audio of");
                stream = format.streams(index);
                for (int i = 0; i < format.nb_streams(); i++) {
                    if (i != index) {
                        format.streams(i).discard(avcodec.AVDISCARD_ALL);
                    }
                }
                AVCodec codec = avcodec.avcodec_find_decoder(stream.codecpar().codec_id());
                if (codec == null || codec.isNull()) {
                    throw new IOException(file.getFileName() + ": no decoder for its audio");
                }
                decoder = avcodec.avcodec_alloc_context3(codec);
                check(avcodec.avcodec_parameters_to_context(decoder, stream.codecpar()), file, "decode");
                decoder.pkt_timebase(stream.time_base());
                check(avcodec.avcodec_open2(decoder, codec, (PointerPointer<?>) null), file, "decode");
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        /**
         * The levels of {@code [fromMillis, toMillis)} of the file's first audio stream, in the file's presented
         * time (its edit list applied, as a player's position reads).
         *
         * @throws IOException naming the file, when it cannot be sought or decoded
         */
        public LoudnessEnvelope read(long fromMillis, long toMillis) throws IOException {
            int rate = decoder.sample_rate();
            LoudnessMeter meter = new LoudnessMeter(rate, blockMillis);
            long seekTo = Math.max(0, fromMillis - PREROLL_MILLIS);
            long target = avutil.av_rescale_q(seekTo, avutil.av_make_q(1, 1000), stream.time_base());
            // always sought (to 0 too): the session may have read further already
            check(avformat.av_seek_frame(format, index, target, avformat.AVSEEK_FLAG_BACKWARD), file, "seek in");
            avcodec.avcodec_flush_buffers(decoder);
            long fromSample = fromMillis * rate / 1000;
            long toSample = (toMillis * rate + 999) / 1000;
            if (format.duration() > 0) {
                // not the end padding of the last frame, which the decoder delivers but a player does not play
                toSample = Math.min(toSample, avutil.av_rescale_q(format.duration(), avutil.av_make_q(1, avutil.AV_TIME_BASE),
                    avutil.av_make_q(1, rate)));
            }
            long next = 0; // where the next frame starts when it has no time of its own
            boolean done = false;
            int read = 0;
            while (!done && (read = avformat.av_read_frame(format, packet)) >= 0) {
                if (packet.stream_index() == index) {
                    avcodec.avcodec_send_packet(decoder, packet); // a damaged packet is skipped, as ffmpeg does
                }
                avcodec.av_packet_unref(packet);
                while (!done && avcodec.avcodec_receive_frame(decoder, frame) >= 0) {
                    long pts = frame.best_effort_timestamp();
                    long first = pts == avutil.AV_NOPTS_VALUE ? next
                        : avutil.av_rescale_q(pts, stream.time_base(), avutil.av_make_q(1, rate));
                    next = first + frame.nb_samples();
                    measure(frame, first, fromSample, toSample, meter, file);
                    done = first >= toSample;
                    avutil.av_frame_unref(frame);
                }
            }
            if (!done && read != avutil.AVERROR_EOF && read < 0) {
                throw new IOException(file.getFileName() + ": cannot read it to " + toMillis + " ms: " + LibavText.error(read));
            }
            if (!done) {
                // the file's end: what the decoder still holds
                avcodec.avcodec_send_packet(decoder, null);
                while (avcodec.avcodec_receive_frame(decoder, frame) >= 0) {
                    long pts = frame.best_effort_timestamp();
                    long first = pts == avutil.AV_NOPTS_VALUE ? next
                        : avutil.av_rescale_q(pts, stream.time_base(), avutil.av_make_q(1, rate));
                    next = first + frame.nb_samples();
                    measure(frame, first, fromSample, toSample, meter, file);
                    avutil.av_frame_unref(frame);
                }
                avcodec.avcodec_flush_buffers(decoder);
            }
            return meter.envelope();
        }

        @Override
        public void close() {
            avutil.av_frame_free(frame);
            avcodec.av_packet_free(packet);
            if (decoder != null) {
                avcodec.avcodec_free_context(decoder);
                decoder = null;
            }
            avformat.avformat_close_input(format);
        }
    }

    /** Adds the part of {@code frame} inside {@code [fromSample, toSample)}, channel by channel. */
    private static void measure(AVFrame frame, long first, long fromSample, long toSample, LoudnessMeter meter, Path file)
            throws IOException {
        int samples = frame.nb_samples();
        long start = Math.max(first, fromSample);
        long end = Math.min(first + samples, toSample);
        if (start >= end) {
            return;
        }
        int offset = (int) (start - first);
        int count = (int) (end - start);
        int channels = frame.ch_layout().nb_channels();
        int format = frame.format();
        boolean planar = avutil.av_sample_fmt_is_planar(format) == 1;
        int bytes = avutil.av_get_bytes_per_sample(format);
        float[] values = new float[count];
        for (int c = 0; c < channels; c++) {
            BytePointer plane = frame.extended_data(planar ? c : 0);
            int stride = planar ? 1 : channels;
            int at = planar ? 0 : c;
            ByteBuffer data = plane.capacity((long) (offset + count) * stride * bytes).asByteBuffer().order(ByteOrder.nativeOrder());
            for (int i = 0; i < count; i++) {
                int position = ((offset + i) * stride + at) * bytes;
                values[i] = switch (avutil.av_get_packed_sample_fmt(format)) {
                    case avutil.AV_SAMPLE_FMT_FLT -> data.getFloat(position);
                    case avutil.AV_SAMPLE_FMT_DBL -> (float) data.getDouble(position);
                    case avutil.AV_SAMPLE_FMT_S16 -> data.getShort(position) / 32768f;
                    case avutil.AV_SAMPLE_FMT_S32 -> data.getInt(position) / 2147483648f;
                    case avutil.AV_SAMPLE_FMT_U8 -> ((data.get(position) & 0xff) - 128) / 128f;
                    default -> throw new IOException(file.getFileName() + ": decodes to a sample format the reader "
                        + "does not measure (" + format + ")");
                };
            }
            meter.add(start, values, 0, count);
        }
    }

    private static void check(int result, Path file, String what) throws IOException {
        if (result < 0) {
            throw new IOException("cannot " + what + " " + file.getFileName() + ": " + LibavText.error(result));
        }
    }
}
