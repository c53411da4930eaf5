package org.automb.audio.join;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.automb.audio.ffmpeg.FfmetadataWriter;
import org.automb.audio.ffmpeg.MuxStep;
import org.automb.media.libav.CoverJpeg;
import org.automb.media.libav.LibavText;
import org.automb.plan.Chapter;
import org.automb.plan.CoverPicker;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVChapter;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Writes the join-aac-parts route's metadata shell with the bundled libavformat inside the JVM: the first frames of
 * an AAC file stream-copied into an ipod-format MP4 with the book's tags, chapters and cover, the movie timescale
 * given, no faststart. The MP4 joiner then puts every part's audio in.
 *
 * <p>It does what {@code ffmpeg -t <first frames> -i audio -f ffmetadata -i metadata [-i cover] -map 0:a
 * -map_metadata 1 -map_chapters 1 -c:a copy [-map 2:v -c:v copy -disposition:v:0 attached_pic] -movie_timescale N
 * -f ipod shell.m4b} does (see {@link MuxStep#arguments}), the same muxer given the same streams, tags and chapters,
 * so the book comes out the same (a cover MP4 cannot hold as it is is encoded as JPEG, {@code -c:v mjpeg}, see
 * {@link CoverJpeg}); but it needs only libavformat, libavcodec, libswscale and libavutil, not the ffmpeg program,
 * whose libavdevice wants PulseAudio, ALSA and XCB on the machine.
 */
public final class LibavShellWriter {

    private static final org.bytedeco.ffmpeg.avutil.AVRational MICROSECONDS = avutil.av_make_q(1, 1_000_000);

    private LibavShellWriter() {
    }

    /** An input (the audio, or the cover) libav cannot open, read or decode: the book's fault, not the machine's. */
    public static final class UnreadableInput extends IOException {
        private final Path file;

        UnreadableInput(Path file, String message) {
            super(message);
            this.file = file;
        }

        public Path file() {
            return file;
        }
    }

    /** The writer, or empty when the bundled libraries cannot be loaded here (the ffmpeg program writes the shell). */
    public static Optional<LibavShellWriter> load() {
        try {
            Loader.load(avformat.class);
            // the cover's conversion to JPEG's colours (webp, bmp, gif covers)
            Loader.load(swscale.class);
            return Optional.of(new LibavShellWriter());
        } catch (Throwable e) {
            return Optional.empty();
        }
    }

    /**
     * Writes {@code output}.
     *
     * @param audio          the AAC file whose audio streams' first frames are copied
     * @param audioMicros    how much of {@code audio} to copy, as ffmpeg's input option {@code -t}: packets from this
     *                       time on are left out (a limit on the output would clip the chapters or drop the cover)
     * @param tags           the book's tags ({@link FfmetadataWriter#tags}), as they are
     * @param chapters       the chapters, in milliseconds
     * @param cover          the cover: copied when JPEG or PNG, else encoded as JPEG (see {@link CoverJpeg})
     * @param movieTimescale the mvhd timescale (the sample rate: every edit then lands on an exact sample)
     */
    public void write(Path output, Path audio, long audioMicros, Map<String, String> tags, List<Chapter> chapters,
                      Optional<CoverPicker.CoverChoice> cover, long movieTimescale) throws IOException {
        AVFormatContext audioIn = open(audio);
        AVFormatContext pictureIn = null;
        AVPacket picture = null;
        AVFormatContext out = new AVFormatContext(null);
        try (BytePointer format = new BytePointer("ipod"); BytePointer name = LibavText.fileName(output)) {
            check(avformat.avformat_alloc_output_context2(out, null, format, name), output, "cannot set up");
            int[] audioMap = mapAudio(audioIn, out, audio);
            AVStream pictureStream = null;
            AVRational pictureTimeBase = null;
            if (cover.isPresent()) {
                Path file = cover.get().file();
                pictureIn = open(file);
                int index = pictureIndex(pictureIn, cover.get());
                AVStream source = pictureIn.streams(index);
                if (source.codecpar().width() <= 0 || source.codecpar().height() <= 0) {
                    // the muxer would fail on it with a bare "Invalid argument"
                    throw new UnreadableInput(file, file.getFileName() + " holds no picture libav can read");
                }
                picture = avcodec.av_packet_alloc();
                pictureStream = newStream(out, source, file);
                if (MuxStep.copiesAsIs(cover.get())) {
                    check(avcodec.avcodec_parameters_copy(pictureStream.codecpar(), source.codecpar()), file, "cannot copy the picture of");
                    readPicture(pictureIn, index, picture, file);
                    pictureTimeBase = source.time_base();
                } else {
                    // -c:v mjpeg: what MP4 holds
                    try {
                        CoverJpeg.encode(pictureIn, index, pictureStream.codecpar(), picture, file);
                    } catch (IOException e) {
                        throw new UnreadableInput(file, e.getMessage());
                    }
                    pictureTimeBase = avutil.av_make_q(1, 25);
                }
                pictureStream.codecpar().codec_tag(0);
                pictureStream.time_base(pictureTimeBase);
                pictureStream.disposition(avformat.AV_DISPOSITION_ATTACHED_PIC);
            }
            out.metadata(dictionary(tags));
            addChapters(out, chapters);
            AVIOContext io = new AVIOContext(null);
            check(avformat.avio_open(io, name, avformat.AVIO_FLAG_WRITE), output, "cannot create");
            out.pb(io);
            writeHeader(out, movieTimescale, output);
            if (pictureStream != null) {
                writePicture(picture, pictureTimeBase, pictureStream, out, output);
            }
            copyFirstFrames(audioIn, audioMap, out, audioMicros, audio, output);
            check(avformat.av_write_trailer(out), output, "cannot finish");
        } finally {
            if (picture != null) {
                avcodec.av_packet_free(picture);
            }
            // a context that was never allocated has no fields to read
            if (!out.isNull() && out.pb() != null && !out.pb().isNull()) {
                avformat.avio_closep(out.pb());
            }
            if (!out.isNull()) {
                avformat.avformat_free_context(out);
            }
            avformat.avformat_close_input(audioIn);
            if (pictureIn != null) {
                avformat.avformat_close_input(pictureIn);
            }
        }
    }

    /** Opens and reads the stream information, as ffmpeg does for each input (it fills in what the muxer writes). */
    private static AVFormatContext open(Path file) throws IOException {
        AVFormatContext context = new AVFormatContext(null);
        try (BytePointer name = LibavText.fileName(file)) {
            readable(avformat.avformat_open_input(context, name, null, null), file, "cannot open");
        }
        int found = avformat.avformat_find_stream_info(context, (PointerPointer<?>) null);
        if (found < 0) {
            avformat.avformat_close_input(context);
            readable(found, file, "cannot read");
        }
        return context;
    }

    /** {@code -map 0:a -c:a copy}: every audio stream, by input index the output index (-1: not mapped). */
    private static int[] mapAudio(AVFormatContext in, AVFormatContext out, Path audio) throws IOException {
        int[] map = new int[in.nb_streams()];
        for (int i = 0; i < in.nb_streams(); i++) {
            map[i] = -1;
            if (in.streams(i).codecpar().codec_type() == avutil.AVMEDIA_TYPE_AUDIO) {
                map[i] = copyStream(in.streams(i), out, audio).index();
            }
        }
        return map;
    }

    /** A stream-copied output stream as ffmpeg sets it up: parameters, tags and disposition of the input's. */
    private static AVStream copyStream(AVStream source, AVFormatContext out, Path file) throws IOException {
        AVStream stream = newStream(out, source, file);
        check(avcodec.avcodec_parameters_copy(stream.codecpar(), source.codecpar()), file, "cannot copy the stream of");
        // the muxer picks its own tag for the codec (mp4a for AAC)
        stream.codecpar().codec_tag(0);
        stream.time_base(source.time_base());
        return stream;
    }

    /** An output stream with the tags and disposition of {@code source}, as ffmpeg maps them. */
    private static AVStream newStream(AVFormatContext out, AVStream source, Path file) throws IOException {
        AVStream stream = avformat.avformat_new_stream(out, null);
        if (stream == null) {
            throw new IOException("cannot add a stream for " + file.getFileName());
        }
        stream.disposition(source.disposition());
        AVDictionary metadata = new AVDictionary(null);
        avutil.av_dict_copy(metadata, source.metadata(), 0);
        stream.metadata(metadata);
        return stream;
    }

    /** The cover's stream: the embedded picture chosen, or an image file's first picture. */
    private static int pictureIndex(AVFormatContext in, CoverPicker.CoverChoice cover) throws IOException {
        if (cover.streamIndex() >= 0 && cover.streamIndex() < in.nb_streams()) {
            return cover.streamIndex();
        }
        for (int i = 0; cover.streamIndex() < 0 && i < in.nb_streams(); i++) {
            if (in.streams(i).codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
                return i;
            }
        }
        throw new UnreadableInput(cover.file(), cover.file().getFileName() + " holds no picture"
            + (cover.streamIndex() >= 0 ? " at stream " + cover.streamIndex() : ""));
    }

    private static AVDictionary dictionary(Map<String, String> tags) {
        AVDictionary dictionary = new AVDictionary(null);
        tags.forEach((key, value) -> set(dictionary, key, value));
        // what ffmpeg adds to every file it writes (the ©too atom)
        set(dictionary, "encoder", avformat.LIBAVFORMAT_IDENT());
        return dictionary;
    }

    private static void set(AVDictionary dictionary, String key, String value) {
        try (BytePointer k = new BytePointer(key, StandardCharsets.UTF_8);
             BytePointer v = new BytePointer(value, StandardCharsets.UTF_8)) {
            avutil.av_dict_set(dictionary, k, v, 0);
        }
    }

    /**
     * {@code -map_chapters}: each chapter in milliseconds with its title. The context owns them: it frees the array,
     * each chapter and its tags, so all are libav allocations.
     */
    private static void addChapters(AVFormatContext out, List<Chapter> chapters) {
        if (chapters.isEmpty()) {
            return;
        }
        PointerPointer<AVChapter> array = new PointerPointer<>(avutil.av_mallocz((long) chapters.size() * Pointer.sizeof(PointerPointer.class)));
        for (int i = 0; i < chapters.size(); i++) {
            Chapter chapter = chapters.get(i);
            AVChapter entry = new AVChapter(avutil.av_mallocz(Loader.sizeof(AVChapter.class)));
            entry.id(i);
            entry.time_base(avutil.av_make_q(1, 1000));
            entry.start(chapter.startMillis());
            entry.end(chapter.endMillis());
            entry.metadata(dictionary1("title", chapter.title() == null ? "" : FfmetadataWriter.plain(chapter.title())));
            array.put(i, entry);
        }
        out.chapters(array);
        out.nb_chapters(chapters.size());
    }

    private static AVDictionary dictionary1(String key, String value) {
        AVDictionary dictionary = new AVDictionary(null);
        set(dictionary, key, value);
        return dictionary;
    }

    private static void writeHeader(AVFormatContext out, long movieTimescale, Path output) throws IOException {
        AVDictionary options = dictionary1("movie_timescale", String.valueOf(movieTimescale));
        try {
            check(avformat.avformat_write_header(out, options), output, "cannot write the header of");
            if (avutil.av_dict_count(options) > 0) {
                throw new IOException("the muxer did not take its options: " + avutil.av_dict_count(options) + " left");
            }
        } finally {
            avutil.av_dict_free(options);
        }
    }

    /** The picture's one packet: an image file's data, or the embedded picture. */
    private static void readPicture(AVFormatContext in, int index, AVPacket packet, Path file) throws IOException {
        int read;
        while ((read = avformat.av_read_frame(in, packet)) >= 0 && packet.stream_index() != index) {
            avcodec.av_packet_unref(packet);
        }
        readable(read, file, "cannot read the picture of");
    }

    /** Writes the picture's packet, at time zero if it has no time (as ffmpeg gives it one). */
    private static void writePicture(AVPacket packet, AVRational from, AVStream stream, AVFormatContext out, Path output)
            throws IOException {
        avcodec.av_packet_rescale_ts(packet, from, stream.time_base());
        if (packet.dts() == avutil.AV_NOPTS_VALUE) {
            packet.dts(0);
        }
        packet.stream_index(stream.index());
        check(avformat.av_interleaved_write_frame(out, packet), output, "cannot write the cover into");
    }

    /**
     * The audio's packets before {@code limitMicros}, as ffmpeg copies them: shifted so the file starts at its start
     * time (ffmpeg's input offset), in each output stream's time base.
     */
    private static void copyFirstFrames(AVFormatContext in, int[] map, AVFormatContext out, long limitMicros, Path audio,
                                        Path output) throws IOException {
        long offset = in.start_time() == avutil.AV_NOPTS_VALUE ? 0 : -in.start_time();
        boolean[] done = new boolean[map.length];
        int open = (int) java.util.Arrays.stream(map).filter(index -> index >= 0).count();
        AVPacket packet = avcodec.av_packet_alloc();
        try {
            int read;
            while (open > 0 && (read = avformat.av_read_frame(in, packet)) != avutil.AVERROR_EOF()) {
                readable(read, audio, "cannot read");
                int source = packet.stream_index();
                if (source >= map.length || map[source] < 0 || done[source]) {
                    avcodec.av_packet_unref(packet);
                    continue;
                }
                AVStream from = in.streams(source);
                long dts = packet.dts() == avutil.AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                if (dts != avutil.AV_NOPTS_VALUE
                        && avutil.av_rescale_q(dts, from.time_base(), MICROSECONDS) + offset >= limitMicros) {
                    done[source] = true;
                    open--;
                    avcodec.av_packet_unref(packet);
                    continue;
                }
                long shift = avutil.av_rescale_q(offset, MICROSECONDS, from.time_base());
                if (packet.pts() != avutil.AV_NOPTS_VALUE) {
                    packet.pts(packet.pts() + shift);
                }
                if (packet.dts() != avutil.AV_NOPTS_VALUE) {
                    packet.dts(packet.dts() + shift);
                }
                AVStream to = out.streams(map[source]);
                avcodec.av_packet_rescale_ts(packet, from.time_base(), to.time_base());
                packet.stream_index(to.index());
                packet.pos(-1);
                // takes the packet's data and leaves it blank
                check(avformat.av_interleaved_write_frame(out, packet), output, "cannot write the audio into");
            }
        } finally {
            avcodec.av_packet_free(packet);
        }
    }

    private static void readable(int result, Path file, String what) throws UnreadableInput {
        if (result < 0) {
            throw new UnreadableInput(file, what + " " + file.getFileName() + ": " + LibavText.error(result));
        }
    }

    private static void check(int result, Path file, String what) throws IOException {
        if (result < 0) {
            throw new IOException(what + " " + file.getFileName() + ": " + LibavText.error(result));
        }
    }
}
