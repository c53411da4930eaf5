package org.automb.audio.libav;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.automb.media.libav.LibavText;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

/**
 * Writes a book's first AAC frames as a small MP4 with libavformat's muxer. It carries the encoder's setup as
 * ffmpeg writes it (the sample description), and it is the audio ffmpeg builds the tags/chapters/cover shell
 * around before the MP4 joiner puts every segment's packets in.
 */
final class HeadWriter {

    private HeadWriter() {
    }

    static void write(Path file, AVCodecContext encoder, List<SegmentEncoder.HeadPacket> packets) throws IOException {
        AVFormatContext muxer = new AVFormatContext(null);
        try (BytePointer format = new BytePointer("mp4"); BytePointer name = LibavText.fileName(file)) {
            check(avformat.avformat_alloc_output_context2(muxer, null, format, name), file);
            try {
                AVStream stream = avformat.avformat_new_stream(muxer, null);
                check(avcodec.avcodec_parameters_from_context(stream.codecpar(), encoder), file);
                AVRational samples = avutil.av_make_q(1, encoder.sample_rate());
                stream.time_base(samples);
                AVIOContext io = new AVIOContext(null);
                check(avformat.avio_open(io, name, avformat.AVIO_FLAG_WRITE), file);
                muxer.pb(io);
                check(avformat.avformat_write_header(muxer, (AVDictionary) null), file);
                for (SegmentEncoder.HeadPacket head : packets) {
                    AVPacket packet = avcodec.av_packet_alloc();
                    try {
                        check(avcodec.av_new_packet(packet, head.data().length), file);
                        packet.data().capacity(head.data().length).put(head.data());
                        packet.pts(head.pts());
                        packet.dts(head.pts());
                        packet.duration(head.duration());
                        packet.stream_index(0);
                        avcodec.av_packet_rescale_ts(packet, samples, stream.time_base());
                        check(avformat.av_write_frame(muxer, packet), file);
                    } finally {
                        avcodec.av_packet_free(packet);
                    }
                }
                check(avformat.av_write_trailer(muxer), file);
            } finally {
                if (muxer.pb() != null && !muxer.pb().isNull()) {
                    avformat.avio_closep(muxer.pb());
                }
                avformat.avformat_free_context(muxer);
            }
        }
    }

    private static void check(int result, Path file) throws IOException {
        if (result < 0) {
            throw new IOException("cannot write " + file.getFileName() + ": " + LibavText.error(result));
        }
    }
}
