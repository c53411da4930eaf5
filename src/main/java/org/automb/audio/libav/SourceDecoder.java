package org.automb.audio.libav;

import java.nio.file.Path;
import org.automb.media.AudioSource;
import org.automb.media.libav.LibavErrors;
import org.automb.media.libav.LibavText;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One source's audio decoded inside the JVM (the bundled libavcodec) and converted to what the AAC encoder takes:
 * planar float at the book's sample rate and channel layout. It decodes as ffmpeg does: the gapless information
 * (encoder delay and padding) trims the audio, a damaged packet is skipped and counted, a read error ends the file.
 *
 * <p>Sample format and channel conversions keep the sample count; a rate conversion (libswresample, ffmpeg's
 * default settings) is flushed at the file's end, so each file's length in the book is what its own audio makes.
 */
final class SourceDecoder implements AutoCloseable {

    /** The source cannot be opened or has no decodable audio stream. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    private final Path file;
    private final int stream;
    private final int outRate;
    private final AVChannelLayout outLayout = new AVChannelLayout();
    private final AVFormatContext format = new AVFormatContext(null);
    private AVCodecContext decoder;
    private final AVPacket packet = avcodec.av_packet_alloc();
    private final AVFrame frame = avutil.av_frame_alloc();
    private final AVChannelLayout inLayout = new AVChannelLayout();
    private SwrContext converter;
    private int converterFormat = -1;
    private int converterRate = -1;
    private AVFrame converted;
    private boolean inputEnded;
    private boolean ended;
    private int failedPackets;

    private SourceDecoder(AudioSource source, int outRate, int outChannels) {
        this.file = source.file();
        this.stream = source.audioStreamIndex();
        this.outRate = outRate;
        avutil.av_channel_layout_default(outLayout, outChannels);
    }

    /** The file's decoded audio cannot be converted for the encoder (the file is to blame: its format is odd). */
    static final class ConversionFailed extends IllegalStateException {
        ConversionFailed(String message) {
            super(message);
        }
    }

    /** Opens {@code source} for decoding into {@code outChannels} channels at {@code outRate}. */
    static SourceDecoder open(AudioSource source, int outRate, int outChannels) throws Unreadable {
        SourceDecoder opened = new SourceDecoder(source, outRate, outChannels);
        try {
            opened.openDecoder();
            return opened;
        } catch (Unreadable | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    private void openDecoder() throws Unreadable {
        try (BytePointer name = LibavText.fileName(file)) {
            check(avformat.avformat_open_input(format, name, null, null), "open");
        }
        check(avformat.avformat_find_stream_info(format, (PointerPointer<?>) null), "read");
        if (stream < 0 || stream >= format.nb_streams()
            || format.streams(stream).codecpar().codec_type() != avutil.AVMEDIA_TYPE_AUDIO) {
            throw new Unreadable("it has no audio stream " + stream);
        }
        AVCodec codec = avcodec.avcodec_find_decoder(format.streams(stream).codecpar().codec_id());
        if (codec == null || codec.isNull()) {
            throw new Unreadable("no decoder for its audio");
        }
        decoder = avcodec.avcodec_alloc_context3(codec);
        check(avcodec.avcodec_parameters_to_context(decoder, format.streams(stream).codecpar()), "decode");
        decoder.pkt_timebase(format.streams(stream).time_base());
        check(avcodec.avcodec_open2(decoder, codec, (PointerPointer<?>) null), "decode");
        // the other streams (a cover, chapters) are never read into packets
        for (int i = 0; i < format.nb_streams(); i++) {
            if (i != stream) {
                format.streams(i).discard(avcodec.AVDISCARD_ALL);
            }
        }
    }

    /** Packets that failed to decode (or a read error that ended the file early), as ffmpeg would have skipped them. */
    int failedPackets() {
        return failedPackets;
    }

    /**
     * Decodes the next frame of audio and appends it, converted, to {@code fifo}.
     *
     * @return the samples appended (0 is possible), or -1 once the file is decoded to its end
     */
    int decodeInto(AVAudioFifo fifo) {
        int errorsAfterInput = 0;
        while (!ended) {
            int received = avcodec.avcodec_receive_frame(decoder, frame);
            if (received >= 0) {
                int samples = append(frame, fifo);
                avutil.av_frame_unref(frame);
                return samples;
            }
            if (received == avutil.AVERROR_EOF || received == LibavErrors.EAGAIN && inputEnded || errorsAfterInput > 100) {
                ended = true;
                return flushConverter(fifo);
            }
            if (received != LibavErrors.EAGAIN) {
                failedPackets++; // ffmpeg logs the damaged frame and goes on with the next packet
                errorsAfterInput += inputEnded ? 1 : 0;
            }
            if (!inputEnded) {
                sendNextPacket();
            }
        }
        return -1;
    }

    private void sendNextPacket() {
        while (true) {
            int read = avformat.av_read_frame(format, packet);
            if (read < 0) {
                if (read != avutil.AVERROR_EOF) {
                    failedPackets++; // a read error ends the file for ffmpeg too
                }
                inputEnded = true;
                avcodec.avcodec_send_packet(decoder, null);
                return;
            }
            boolean ours = packet.stream_index() == stream;
            int sent = ours ? avcodec.avcodec_send_packet(decoder, packet) : 0;
            avcodec.av_packet_unref(packet);
            if (ours) {
                if (sent < 0) {
                    failedPackets++;
                }
                return;
            }
        }
    }

    /** Appends a decoded frame to the fifo, converting it when it is not already what the encoder takes. */
    private int append(AVFrame decoded, AVAudioFifo fifo) {
        int samples = decoded.nb_samples();
        if (samples <= 0) {
            return 0;
        }
        AVChannelLayout layout = decoded.ch_layout();
        boolean matches = decoded.format() == avutil.AV_SAMPLE_FMT_FLTP && decoded.sample_rate() == outRate
            && avutil.av_channel_layout_compare(layout, outLayout) == 0;
        if (matches && converter == null) {
            return write(fifo, decoded.extended_data(), samples);
        }
        if (converter == null || decoded.format() != converterFormat || decoded.sample_rate() != converterRate
            || layout.nb_channels() != inLayout.nb_channels() || !sameLayout(layout)) {
            int flushed = flushConverter(fifo);
            openConverter(decoded);
            return flushed + convert(fifo, decoded.extended_data(), samples);
        }
        return convert(fifo, decoded.extended_data(), samples);
    }

    private boolean sameLayout(AVChannelLayout layout) {
        return layout.order() == avutil.AV_CHANNEL_ORDER_UNSPEC || avutil.av_channel_layout_compare(layout, inLayout) == 0;
    }

    private void openConverter(AVFrame decoded) {
        freeConverter();
        avutil.av_channel_layout_uninit(inLayout);
        if (decoded.ch_layout().order() == avutil.AV_CHANNEL_ORDER_UNSPEC) {
            avutil.av_channel_layout_default(inLayout, decoded.ch_layout().nb_channels()); // as ffmpeg guesses it
        } else {
            avutil.av_channel_layout_copy(inLayout, decoded.ch_layout());
        }
        converter = new SwrContext(null);
        int result = swresample.swr_alloc_set_opts2(converter, outLayout, avutil.AV_SAMPLE_FMT_FLTP, outRate,
            inLayout, decoded.format(), decoded.sample_rate(), 0, null);
        if (result < 0 || converter.isNull() || swresample.swr_init(converter) < 0) {
            throw new ConversionFailed("cannot convert its audio (" + decoded.sample_rate() + " Hz, "
                + decoded.ch_layout().nb_channels() + " channels) for the encoder");
        }
        converterFormat = decoded.format();
        converterRate = decoded.sample_rate();
    }

    private int convert(AVAudioFifo fifo, PointerPointer<?> input, int samples) {
        int capacity = swresample.swr_get_out_samples(converter, samples);
        PointerPointer<?> out = outputBuffer(capacity);
        int produced = swresample.swr_convert(converter, out, capacity, input, samples);
        if (produced < 0) {
            throw new ConversionFailed("converting its audio failed: " + LibavText.error(produced));
        }
        return write(fifo, out, produced);
    }

    /** What a rate conversion still holds at the file's end. */
    private int flushConverter(AVAudioFifo fifo) {
        if (converter == null) {
            return 0;
        }
        int total = 0;
        while (true) {
            int capacity = Math.max(swresample.swr_get_out_samples(converter, 0), 0);
            if (capacity == 0) {
                return total;
            }
            PointerPointer<?> out = outputBuffer(capacity);
            int produced = swresample.swr_convert(converter, out, capacity, (PointerPointer<?>) null, 0);
            if (produced <= 0) {
                return total;
            }
            total += write(fifo, out, produced);
        }
    }

    private PointerPointer<?> outputBuffer(int samples) {
        if (converted == null || converted.nb_samples() < samples) {
            if (converted != null) {
                avutil.av_frame_free(converted);
            }
            converted = avutil.av_frame_alloc();
            converted.format(avutil.AV_SAMPLE_FMT_FLTP);
            converted.sample_rate(outRate);
            avutil.av_channel_layout_copy(converted.ch_layout(), outLayout);
            converted.nb_samples(Math.max(samples, 4096));
            if (avutil.av_frame_get_buffer(converted, 0) < 0) {
                throw new OutOfMemoryError("no native memory for a frame of " + samples + " samples");
            }
        }
        return converted.extended_data();
    }

    private static int write(AVAudioFifo fifo, PointerPointer<?> data, int samples) {
        if (samples > 0 && avutil.av_audio_fifo_write(fifo, data, samples) < samples) {
            throw new OutOfMemoryError("no native memory for " + samples + " decoded samples");
        }
        return Math.max(samples, 0);
    }

    private void check(int result, String what) throws Unreadable {
        if (result < 0) {
            throw new Unreadable("cannot " + what + " it: " + LibavText.error(result));
        }
    }

    private void freeConverter() {
        if (converter != null) {
            swresample.swr_free(converter);
            converter = null;
        }
    }

    @Override
    public void close() {
        freeConverter();
        if (converted != null) {
            avutil.av_frame_free(converted);
        }
        avutil.av_channel_layout_uninit(inLayout);
        avutil.av_channel_layout_uninit(outLayout);
        avutil.av_frame_free(frame);
        avcodec.av_packet_free(packet);
        if (decoder != null) {
            avcodec.avcodec_free_context(decoder);
        }
        avformat.avformat_close_input(format);
    }
}
