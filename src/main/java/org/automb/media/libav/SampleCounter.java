package org.automb.media.libav;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.automb.media.AudioSource;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * Decodes one source's audio stream inside the JVM (bundled libavcodec, through JavaCPP) and counts its samples,
 * exactly as ffmpeg's decoder delivers them: encoder delay and padding removed as the file's gapless information
 * says, undecodable packets skipped as ffmpeg skips them.
 *
 * <p>This is how the single-process encode learns where each file starts in the output while ffmpeg reads the
 * files itself through its concat demuxer: the count runs on another core beside the encoder, which only reads.
 */
public final class SampleCounter {

    /** A file whose audio could not be decoded at all. */
    public static final class Undecodable extends Exception {
        public Undecodable(String message) {
            super(message);
        }
    }

    /** What a decode of a whole source found: its samples at its own rate, and how many packets failed. */
    public record Count(long samples, int sampleRate, int failedPackets) {
    }

    /** Decodes {@code source}'s audio stream to its end. */
    public Count count(AudioSource source) throws Undecodable {
        Path file = source.file();
        AVFormatContext format = new AVFormatContext(null);
        try (BytePointer name = LibavText.fileName(file)) {
            check(avformat.avformat_open_input(format, name, null, null), file, "open");
            AVCodecContext decoder = null;
            AVPacket packet = avcodec.av_packet_alloc();
            AVFrame frame = avutil.av_frame_alloc();
            try {
                check(avformat.avformat_find_stream_info(format, (PointerPointer<?>) null), file, "read");
                int stream = source.audioStreamIndex();
                if (stream < 0 || stream >= format.nb_streams()) {
                    throw new Undecodable(file + ": it has no audio stream " + stream);
                }
                AVCodec codec = avcodec.avcodec_find_decoder(format.streams(stream).codecpar().codec_id());
                if (codec == null || codec.isNull()) {
                    throw new Undecodable(file + ": no decoder for its audio");
                }
                decoder = avcodec.avcodec_alloc_context3(codec);
                check(avcodec.avcodec_parameters_to_context(decoder, format.streams(stream).codecpar()), file, "decode");
                decoder.pkt_timebase(format.streams(stream).time_base());
                check(avcodec.avcodec_open2(decoder, codec, (PointerPointer<?>) null), file, "decode");
                long samples = 0;
                int failed = 0;
                int read;
                while ((read = avformat.av_read_frame(format, packet)) >= 0) {
                    if (packet.stream_index() == stream) {
                        int sent = avcodec.avcodec_send_packet(decoder, packet);
                        if (sent == LibavErrors.EAGAIN) {
                            samples += drain(decoder, frame);
                            sent = avcodec.avcodec_send_packet(decoder, packet);
                        }
                        if (sent < 0) {
                            failed++; // ffmpeg logs a damaged packet and goes on; so does the count
                        }
                        samples += drain(decoder, frame);
                    }
                    avcodec.av_packet_unref(packet);
                }
                if (read != avutil.AVERROR_EOF) {
                    failed++; // a read error ends the file for ffmpeg too
                }
                avcodec.avcodec_send_packet(decoder, null);
                samples += drain(decoder, frame);
                return new Count(samples, decoder.sample_rate(), failed);
            } finally {
                avutil.av_frame_free(frame);
                avcodec.av_packet_free(packet);
                if (decoder != null) {
                    avcodec.avcodec_free_context(decoder);
                }
                avformat.avformat_close_input(format);
            }
        }
    }

    /**
     * Counts an MP3's samples from its frames without decoding them, as ffmpeg's decoder would deliver them: every
     * frame's length, less the encoder delay and padding the demuxer marks from the LAME header. About fifty times
     * cheaper than {@link #count}; equal to it unless a frame fails to decode, which the caller checks afterwards
     * against what the encoder received.
     *
     * @throws Undecodable when the file cannot be read, or a frame has no length
     */
    public Count countFrames(AudioSource source) throws Undecodable {
        Path file = source.file();
        AVFormatContext format = new AVFormatContext(null);
        try (BytePointer name = LibavText.fileName(file)) {
            check(avformat.avformat_open_input(format, name, null, null), file, "open");
            AVPacket packet = avcodec.av_packet_alloc();
            try (SizeTPointer sideDataSize = new SizeTPointer(1)) {
                int stream = source.audioStreamIndex();
                if (stream < 0 || stream >= format.nb_streams()) {
                    throw new Undecodable(file + ": it has no audio stream " + stream);
                }
                int rate = source.sampleRate(); // the probe's: the demuxer alone does not set it
                if (rate <= 0) {
                    throw new Undecodable(file + ": no sample rate");
                }
                long ticks = 0;
                long skipped = 0;
                int read;
                while ((read = avformat.av_read_frame(format, packet)) >= 0) {
                    if (packet.stream_index() == stream) {
                        if (packet.duration() <= 0) {
                            throw new Undecodable(file + ": a frame without a length");
                        }
                        ticks += packet.duration();
                        skipped += skippedSamples(packet, sideDataSize);
                    }
                    avcodec.av_packet_unref(packet);
                }
                if (read != avutil.AVERROR_EOF) {
                    throw new Undecodable(file + ": cannot read it to its end: " + LibavText.error(read));
                }
                AVRational timeBase = format.streams(stream).time_base();
                long samples = avutil.av_rescale_q(ticks, timeBase, avutil.av_make_q(1, rate)) - skipped;
                return new Count(Math.max(0, samples), rate, 0);
            } finally {
                avcodec.av_packet_free(packet);
                avformat.avformat_close_input(format);
            }
        }
    }

    /** The samples the decoder drops from this packet: the skip-samples side data, start and end (little-endian). */
    private static long skippedSamples(AVPacket packet, SizeTPointer size) {
        BytePointer skip = avcodec.av_packet_get_side_data(packet, avcodec.AV_PKT_DATA_SKIP_SAMPLES, size);
        if (skip == null || skip.isNull() || size.get() < 8) {
            return 0;
        }
        ByteBuffer bytes = skip.capacity(8).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        return Integer.toUnsignedLong(bytes.getInt(0)) + Integer.toUnsignedLong(bytes.getInt(4));
    }

    /**
     * The samples an encoded file's audio stream declares (an MP4 written by ffmpeg states exactly the samples its
     * encoder received, its priming and padding cut by the edit list); -1 when the container does not say.
     */
    public long declaredSamples(Path file) throws Undecodable {
        AVFormatContext format = new AVFormatContext(null);
        try (BytePointer name = LibavText.fileName(file)) {
            check(avformat.avformat_open_input(format, name, null, null), file, "open");
            try {
                for (int i = 0; i < format.nb_streams(); i++) {
                    var stream = format.streams(i);
                    if (stream.codecpar().codec_type() == avutil.AVMEDIA_TYPE_AUDIO) {
                        int rate = stream.codecpar().sample_rate();
                        return stream.duration() <= 0 || rate <= 0 ? -1
                            : avutil.av_rescale_q(stream.duration(), stream.time_base(), avutil.av_make_q(1, rate));
                    }
                }
                return -1;
            } finally {
                avformat.avformat_close_input(format);
            }
        }
    }

    /** The samples of every frame the decoder holds (a decode error ends the drain, as ffmpeg moves on). */
    private static long drain(AVCodecContext decoder, AVFrame frame) {
        long samples = 0;
        while (avcodec.avcodec_receive_frame(decoder, frame) >= 0) {
            samples += frame.nb_samples();
            avutil.av_frame_unref(frame);
        }
        return samples;
    }

    private static void check(int result, Path file, String what) throws Undecodable {
        if (result < 0) {
            throw new Undecodable(file + ": cannot " + what + " it: " + LibavText.error(result));
        }
    }
}
