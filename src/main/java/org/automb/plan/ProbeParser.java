package org.automb.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.automb.media.AudioSource;

/**
 * Turns the JSON of {@code ffprobe -v error -print_format json -show_format -show_streams <file>} into an
 * {@link AudioSource}.
 *
 * <p>The first audio stream is the book's audio; an attached picture (a video stream flagged
 * {@code attached_pic}, or an mjpeg/png stream) is the cover. Tags of the container and of the audio stream
 * are merged with lower-cased keys, because Vorbis comments arrive upper-case and ogg files keep them on the
 * stream rather than the container.
 */
public class ProbeParser {

    /**
     * Set on the JSON's {@code format} when libavformat estimated the duration from the bit rate ({@link LibavProbe}
     * reads the method; for ffprobe the warning below says it).
     */
    public static final String DURATION_ESTIMATED = "duration_estimated";
    /** What ffprobe prints at {@code -v warning} when the container does not state the duration. */
    static final String ESTIMATE_WARNING = "Estimating duration from bitrate";

    private final ObjectMapper mapper;

    public ProbeParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ProbeParser() {
        this(new ObjectMapper());
    }

    /** The ffprobe arguments (without the executable) whose output {@link #parse} reads. */
    public List<String> probeArguments(Path file) {
        // warnings too: the one that says the duration is an estimate (ffprobe's JSON does not say it)
        return List.of("-v", "warning", "-print_format", "json", "-show_format", "-show_streams",
                file.toAbsolutePath().toString());
    }

    /**
     * Parses ffprobe's JSON for {@code file}.
     *
     * @throws ProbeException when the JSON is unreadable, there is no audio stream, or no positive duration
     */
    public AudioSource parse(Path file, long sizeBytes, String ffprobeJson) {
        return parse(file, sizeBytes, readJson(file, ffprobeJson));
    }

    /** Parses ffprobe's JSON and what it printed on stderr (which says whether the duration is an estimate). */
    public AudioSource parse(Path file, long sizeBytes, String ffprobeJson, String ffprobeStderr) {
        JsonNode root = readJson(file, ffprobeJson);
        if (ffprobeStderr != null && ffprobeStderr.contains(ESTIMATE_WARNING) && root.path("format").isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("format")).put(DURATION_ESTIMATED, true);
        }
        return parse(file, sizeBytes, root);
    }

    /** Parses a description already in ffprobe's JSON shape (ffprobe's own, or {@link LibavProbe}'s). */
    public AudioSource parse(Path file, long sizeBytes, JsonNode root) {
        JsonNode format = root.path("format");
        JsonNode audio = firstAudioStream(root.path("streams"))
                .orElseThrow(() -> new ProbeException(file, file + ": no audio stream found (is it an audio file?)"));
        double duration = duration(audio, format);
        if (!(duration > 0)) {
            throw new ProbeException(file, file + ": ffprobe reports no duration (the file may be empty or damaged)");
        }
        return new AudioSource(file, sizeBytes,
                audio.path("codec_name").asText(""),
                audio.path("profile").asText(""),
                (int) number(audio.path("sample_rate")),
                audio.path("channels").asInt(0),
                bitRate(audio, format),
                duration,
                audio.path("index").asInt(0),
                coverStreamIndex(root.path("streams")),
                mergedTags(format, audio),
                format.path("format_name").asText(""),
                format.path(DURATION_ESTIMATED).asBoolean(false));
    }

    private JsonNode readJson(Path file, String json) {
        try {
            JsonNode root = json == null ? null : mapper.readTree(json);
            if (root == null || !root.isObject()) {
                throw new ProbeException(file, file + ": ffprobe printed no usable information");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new ProbeException(file, file + ": ffprobe output is not valid JSON", e);
        }
    }

    private static Optional<JsonNode> firstAudioStream(JsonNode streams) {
        for (JsonNode stream : streams) {
            if ("audio".equals(stream.path("codec_type").asText())) {
                return Optional.of(stream);
            }
        }
        return Optional.empty();
    }

    private static int coverStreamIndex(JsonNode streams) {
        for (JsonNode stream : streams) {
            if (isPicture(stream)) {
                return stream.path("index").asInt(-1);
            }
        }
        return -1;
    }

    private static boolean isPicture(JsonNode stream) {
        if (!"video".equals(stream.path("codec_type").asText())) {
            return false;
        }
        String codec = stream.path("codec_name").asText("");
        return stream.path("disposition").path("attached_pic").asInt(0) == 1
                || codec.equals("mjpeg") || codec.equals("png");
    }

    private static long bitRate(JsonNode audio, JsonNode format) {
        long stream = (long) number(audio.path("bit_rate"));
        return stream > 0 ? stream : Math.max(0, (long) number(format.path("bit_rate")));
    }

    private static double duration(JsonNode audio, JsonNode format) {
        double stream = number(audio.path("duration"));
        return stream > 0 ? stream : number(format.path("duration"));
    }

    /** ffprobe prints most numbers as strings and "N/A" when unknown; anything unreadable counts as 0. */
    private static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        try {
            double value = Double.parseDouble(node.asText("").trim());
            return Double.isFinite(value) ? value : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Container tags win over stream tags: the stream's copy of a key is usually a muxer default. */
    private static Map<String, String> mergedTags(JsonNode format, JsonNode audio) {
        Map<String, String> tags = new LinkedHashMap<>();
        addTags(tags, format.path("tags"));
        addTags(tags, audio.path("tags"));
        return tags;
    }

    private static void addTags(Map<String, String> tags, JsonNode node) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String value = entry.getValue().asText("");
            if (!value.isBlank()) {
                tags.putIfAbsent(entry.getKey().toLowerCase(Locale.ROOT), value);
            }
        }
    }
}
