package org.automb.audio.ffmpeg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.automb.failure.PermanentFailure;
import org.automb.media.AudioSource;
import org.automb.media.ffmpeg.CommandResult;
import org.automb.media.ffmpeg.ExecRunner;
import org.automb.media.ffmpeg.FfmpegTools;
import org.automb.plan.SourcePlacement;

/**
 * Where each AAC part really starts when parts are joined by stream copy.
 *
 * <p>A stream-copied join keeps every packet of every part, including each part's encoder priming
 * (1024 samples for ffmpeg, 2112 for Apple's encoder). So part i's audio starts after all packets of the
 * parts before it plus its own priming. Both come from the container: the frame count and the first
 * packet's (negative) timestamp, read with one short ffprobe per part.
 */
public final class StreamCopyChapters {

    private final FfmpegTools tools;
    private final ExecRunner exec;
    private final ObjectMapper json = new ObjectMapper();
    private final java.util.concurrent.Executor probePool;

    public StreamCopyChapters(FfmpegTools tools, ExecRunner exec, java.util.concurrent.Executor probePool) {
        this.probePool = probePool;
        this.tools = tools;
        this.exec = exec;
    }

    /** Layout of one part in the joined stream, in samples. */
    record PartLayout(long totalSamples, long primingSamples, int sampleRate) {
    }

    /** Places each part; the total counts every packet of every part, as the joined file holds them. */
    public SourcePlacement place(String bookKey, List<AudioSource> sources) {
        return place(layouts(bookKey, sources));
    }

    /** The layout of each part, in play order. */
    public List<PartLayout> layouts(String bookKey, List<AudioSource> sources) {
        // one short ffprobe per part, several at once: a 300-part book is read in seconds
        List<java.util.concurrent.CompletableFuture<PartLayout>> probes = sources.stream()
            .map(source -> java.util.concurrent.CompletableFuture.supplyAsync(() -> layout(bookKey, source), probePool))
            .toList();
        return probes.stream().map(org.automb.io.Futures::await).toList();
    }

    /** Places parts of known layout, in play order (see {@link #place(String, List)}). */
    public SourcePlacement place(List<PartLayout> parts) {
        List<Long> starts = new ArrayList<>();
        long position = 0;
        int rate = 1;
        for (int i = 0; i < parts.size(); i++) {
            PartLayout part = parts.get(i);
            rate = part.sampleRate();
            starts.add(i == 0 ? 0 : (position + part.primingSamples()) * 1000 / rate);
            position += part.totalSamples();
        }
        return new SourcePlacement(starts, position * 1000 / rate);
    }

    PartLayout layout(String bookKey, AudioSource source) {
        CommandResult result = exec.run(tools.ffprobeCommand(List.of("-v", "error", "-select_streams", "a:0",
            "-read_intervals", "%+#1", "-show_entries", "stream=nb_frames,sample_rate,time_base:packet=pts,duration",
            "-of", "json", source.file().toAbsolutePath().toString())));
        try {
            JsonNode root = json.readTree(result.stdout());
            JsonNode stream = root.path("streams").path(0);
            if (stream.isObject() && !stream.path("nb_frames").asText().matches("\\d+")) {
                // a raw AAC stream (.aac, ADTS) has no frame index: count its packets (demuxed, not decoded)
                CommandResult counted = exec.run(tools.ffprobeCommand(List.of("-v", "error", "-select_streams", "a:0",
                    "-count_packets", "-show_entries", "stream=nb_read_packets", "-of", "json",
                    source.file().toAbsolutePath().toString())));
                String packets = json.readTree(counted.stdout()).path("streams").path(0).path("nb_read_packets").asText();
                ((com.fasterxml.jackson.databind.node.ObjectNode) stream).put("nb_frames", packets);
            }
            return parseLayout(root);
        } catch (Exception e) {
            throw new PermanentFailure(bookKey, source.file(), "cannot read the AAC frame layout: " + e.getMessage(), e);
        }
    }

    static PartLayout parseLayout(JsonNode root) {
        JsonNode stream = root.path("streams").path(0);
        int rate = Integer.parseInt(stream.path("sample_rate").asText());
        String[] timeBase = stream.path("time_base").asText("1/" + rate).split("/");
        double samplesPerTick = rate * Double.parseDouble(timeBase[0]) / Double.parseDouble(timeBase[1]);
        long frames = Long.parseLong(stream.path("nb_frames").asText());
        JsonNode packet = root.path("packets").path(0);
        long frameSamples = Math.round(packet.path("duration").asLong(1024) * samplesPerTick);
        long firstPts = packet.path("pts").asLong(0);
        long priming = firstPts < 0 ? Math.round(-firstPts * samplesPerTick) : 0;
        return new PartLayout(frames * frameSamples, priming, rate);
    }
}
