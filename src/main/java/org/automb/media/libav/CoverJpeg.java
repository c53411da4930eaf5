package org.automb.media.libav;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A cover MP4 cannot hold as it is (webp, bmp, gif) encoded as JPEG, as ffmpeg's {@code -c:v mjpeg} does: the first
 * picture decoded, converted to full-range 4:2:0 by libswscale (bicubic, ffmpeg's default), encoded by libavcodec's
 * MJPEG encoder with its defaults. Needs libswscale besides the libraries the probe loads (no system library).
 */
public final class CoverJpeg {

    private CoverJpeg() {
    }

    /**
     * Encodes the first picture of stream {@code index} of {@code in}: {@code parameters} receive the JPEG stream's
     * parameters, {@code jpeg} the one packet.
     */
    public static void encode(AVFormatContext in, int index, AVCodecParameters parameters, AVPacket jpeg, Path file)
            throws IOException {
        AVFrame picture = decodeFirst(in, index, file);
        AVFrame converted = avutil.av_frame_alloc();
        AVCodecContext encoder = null;
        SwsContext scaler = null;
        try {
            int width = picture.width();
            int height = picture.height();
            converted.format(avutil.AV_PIX_FMT_YUVJ420P);
            converted.width(width);
            converted.height(height);
            check(avutil.av_frame_get_buffer(converted, 0), file, "cannot convert the picture of");
            scaler = swscale.sws_getContext(width, height, picture.format(), width, height, avutil.AV_PIX_FMT_YUVJ420P,
                swscale.SWS_BICUBIC, null, null, (DoublePointer) null);
            if (scaler == null || scaler.isNull()) {
                throw new IOException("cannot convert the picture of " + file.getFileName() + " to JPEG's colours");
            }
            check(swscale.sws_scale(scaler, picture.data(), picture.linesize(), 0, height, converted.data(),
                converted.linesize()), file, "cannot convert the picture of");
            AVCodec codec = avcodec.avcodec_find_encoder(avcodec.AV_CODEC_ID_MJPEG);
            encoder = avcodec.avcodec_alloc_context3(codec);
            encoder.width(width);
            encoder.height(height);
            encoder.pix_fmt(avutil.AV_PIX_FMT_YUVJ420P);
            encoder.color_range(avutil.AVCOL_RANGE_JPEG);
            // an image file is read as a 25 fps stream
            encoder.time_base(avutil.av_make_q(1, 25));
            check(avcodec.avcodec_open2(encoder, codec, (PointerPointer<?>) null), file, "cannot encode the picture of");
            converted.pts(0);
            check(avcodec.avcodec_send_frame(encoder, converted), file, "cannot encode the picture of");
            check(avcodec.avcodec_send_frame(encoder, null), file, "cannot encode the picture of");
            check(avcodec.avcodec_receive_packet(encoder, jpeg), file, "cannot encode the picture of");
            check(avcodec.avcodec_parameters_from_context(parameters, encoder), file, "cannot encode the picture of");
        } finally {
            if (scaler != null) {
                swscale.sws_freeContext(scaler);
            }
            if (encoder != null) {
                avcodec.avcodec_free_context(encoder);
            }
            avutil.av_frame_free(converted);
            avutil.av_frame_free(picture);
        }
    }

    private static AVFrame decodeFirst(AVFormatContext in, int index, Path file) throws IOException {
        AVCodecParameters source = in.streams(index).codecpar();
        AVCodec codec = avcodec.avcodec_find_decoder(source.codec_id());
        if (codec == null || codec.isNull()) {
            throw new IOException("no decoder for the picture of " + file.getFileName());
        }
        AVCodecContext decoder = avcodec.avcodec_alloc_context3(codec);
        AVPacket packet = avcodec.av_packet_alloc();
        AVFrame frame = avutil.av_frame_alloc();
        try {
            check(avcodec.avcodec_parameters_to_context(decoder, source), file, "cannot decode the picture of");
            check(avcodec.avcodec_open2(decoder, codec, (PointerPointer<?>) null), file, "cannot decode the picture of");
            int read;
            while ((read = avformat.av_read_frame(in, packet)) >= 0 && packet.stream_index() != index) {
                avcodec.av_packet_unref(packet);
            }
            check(read, file, "cannot read the picture of");
            check(avcodec.avcodec_send_packet(decoder, packet), file, "cannot decode the picture of");
            avcodec.avcodec_send_packet(decoder, null);
            check(avcodec.avcodec_receive_frame(decoder, frame), file, "cannot decode the picture of");
            AVFrame decoded = frame;
            frame = null;
            return decoded;
        } finally {
            if (frame != null) {
                avutil.av_frame_free(frame);
            }
            avcodec.av_packet_free(packet);
            avcodec.avcodec_free_context(decoder);
        }
    }

    private static void check(int result, Path file, String what) throws IOException {
        if (result < 0) {
            throw new IOException(what + " " + file.getFileName() + ": " + LibavText.error(result));
        }
    }
}
