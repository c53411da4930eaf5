package org.automb.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.automb.media.libav.LibavText;
import org.automb.media.libav.MissingLibrary;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Reads a media file's streams, tags and chapters through the bundled libavformat inside the JVM, and
 * reports them in the shape of {@code ffprobe -print_format json -show_format -show_streams -show_chapters}.
 *
 * <p>ffprobe does exactly this (open the input, find the stream info, print), but as a process it costs about
 * 30 ms of CPU to start, which a 300-file book or a backlog of short books pays once per file. The shape is
 * ffprobe's so {@link ProbeParser} reads both the same way; values are formatted as ffprobe formats them.
 */
public final class LibavProbe {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private LibavProbe() {
    }

    /** The probe, or empty when the bundled libraries cannot be loaded here (another platform: use ffprobe). */
    public static Optional<LibavProbe> load() {
        try {
            return Optional.of(require());
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    /**
     * The probe; fails when the bundled libraries (libavformat, libavcodec, libswresample, libavutil: not the ffmpeg
     * program's libavdevice or libavfilter) cannot be loaded, naming the missing system library and its package.
     */
    public static LibavProbe require() {
        try {
            Loader.load(avformat.class);
        } catch (Throwable e) {
            // the loader's message as a suppressed error: the stack trace keeps it, the one-line reason does not
            IllegalStateException failure = new IllegalStateException(MissingLibrary.explain(
                "the bundled ffmpeg libraries", e, "or set FFMPEG_PATH and FFPROBE_PATH to ffmpeg programs"));
            failure.addSuppressed(e);
            throw failure;
        }
        // the library's own log goes to the service's stderr; failures are reported with the book instead
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
        return new LibavProbe();
    }

    /** A file libavformat cannot open or read, with its reason as ffprobe would print it. */
    public static final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message);
        }
    }

    /** The file's description in ffprobe's JSON shape. */
    public ObjectNode probe(Path file) throws Unreadable {
        AVFormatContext context = new AVFormatContext(null);
        try (BytePointer name = LibavText.fileName(file)) {
            check(avformat.avformat_open_input(context, name, null, null), file);
            try {
                check(avformat.avformat_find_stream_info(context, (PointerPointer<?>) null), file);
                ObjectNode root = JSON.objectNode();
                ArrayNode streams = root.putArray("streams");
                for (int i = 0; i < context.nb_streams(); i++) {
                    streams.add(stream(context.streams(i)));
                }
                ArrayNode chapters = root.putArray("chapters");
                for (int i = 0; i < context.nb_chapters(); i++) {
                    chapters.add(chapter(context.chapters(i)));
                }
                root.set("format", format(context));
                return root;
            } finally {
                avformat.avformat_close_input(context);
            }
        }
    }

    private static ObjectNode stream(AVStream stream) {
        AVCodecParameters codec = stream.codecpar();
        ObjectNode node = JSON.objectNode();
        node.put("index", stream.index());
        node.put("codec_name", string(avcodec.avcodec_get_name(codec.codec_id())));
        node.put("codec_type", mediaType(codec.codec_type()));
        BytePointer profileName = avcodec.avcodec_profile_name(codec.codec_id(), codec.profile());
        if (profileName != null && !profileName.isNull()) {
            node.put("profile", string(profileName));
        } else if (codec.profile() != avcodec.AV_PROFILE_UNKNOWN) {
            node.put("profile", String.valueOf(codec.profile()));
        }
        if (codec.codec_type() == avutil.AVMEDIA_TYPE_AUDIO) {
            node.put("sample_rate", String.valueOf(codec.sample_rate()));
            node.put("channels", codec.ch_layout().nb_channels());
        }
        node.put("bit_rate", codec.bit_rate() > 0 ? String.valueOf(codec.bit_rate()) : "N/A");
        if (stream.duration() != avutil.AV_NOPTS_VALUE) {
            node.put("duration", decimal(stream.duration() * avutil.av_q2d(stream.time_base())));
        }
        node.putObject("disposition").put("attached_pic",
            (stream.disposition() & avformat.AV_DISPOSITION_ATTACHED_PIC) != 0 ? 1 : 0);
        node.set("tags", tags(stream.metadata()));
        return node;
    }

    /** A chapter as ffprobe shows it: id, start and end in seconds, and its tags (the title). */
    private static ObjectNode chapter(org.bytedeco.ffmpeg.avformat.AVChapter chapter) {
        double unit = avutil.av_q2d(chapter.time_base());
        ObjectNode node = JSON.objectNode().put("id", chapter.id())
            .put("start_time", decimal(chapter.start() * unit)).put("end_time", decimal(chapter.end() * unit));
        node.set("tags", tags(chapter.metadata()));
        return node;
    }

    private static ObjectNode format(AVFormatContext context) {
        ObjectNode node = JSON.objectNode();
        node.put("nb_streams", context.nb_streams());
        if (context.iformat() != null && !context.iformat().isNull()) {
            node.put("format_name", string(context.iformat().name()));
        }
        if (context.duration() != avutil.AV_NOPTS_VALUE) {
            node.put("duration", decimal(context.duration() / (double) avutil.AV_TIME_BASE));
        }
        node.put("bit_rate", context.bit_rate() > 0 ? String.valueOf(context.bit_rate()) : "N/A");
        if (context.duration_estimation_method() == avformat.AVFMT_DURATION_FROM_BITRATE) {
            node.put(ProbeParser.DURATION_ESTIMATED, true); // ffprobe only warns; see ProbeParser
        }
        node.set("tags", tags(context.metadata()));
        return node;
    }

    private static ObjectNode tags(AVDictionary dictionary) {
        ObjectNode tags = JSON.objectNode();
        if (dictionary == null || dictionary.isNull()) {
            return tags;
        }
        AVDictionaryEntry entry = null;
        while ((entry = avutil.av_dict_get(dictionary, "", entry, avutil.AV_DICT_IGNORE_SUFFIX)) != null
            && !entry.isNull()) {
            tags.put(string(entry.key()), string(entry.value()));
        }
        return tags;
    }

    private static String mediaType(int type) {
        return switch (type) {
            case avutil.AVMEDIA_TYPE_AUDIO -> "audio";
            case avutil.AVMEDIA_TYPE_VIDEO -> "video";
            case avutil.AVMEDIA_TYPE_SUBTITLE -> "subtitle";
            case avutil.AVMEDIA_TYPE_DATA -> "data";
            case avutil.AVMEDIA_TYPE_ATTACHMENT -> "attachment";
            default -> "unknown";
        };
    }

    /** ffprobe prints times with six decimals. */
    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    /** Tags are UTF-8 in every container libavformat reads. */
    private static String string(BytePointer text) {
        return text == null || text.isNull() ? "" : text.getString(StandardCharsets.UTF_8);
    }

    private static void check(int result, Path file) throws Unreadable {
        if (result < 0) {
            throw new Unreadable(file + ": " + LibavText.error(result));
        }
    }
}
