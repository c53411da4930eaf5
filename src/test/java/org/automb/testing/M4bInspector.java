package org.automb.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.automb.media.ffmpeg.FfmpegTools;

/** Reads what a user would check in an output: duration, chapters, tags, cover, and the exact decoded length. */
public final class M4bInspector {

    private final FfmpegTools tools;
    private final ObjectMapper json = new ObjectMapper();

    public M4bInspector(FfmpegTools tools) {
        this.tools = tools;
    }

    public record ChapterFact(double start, double end, String title) {
    }

    public record M4bFacts(double durationSeconds, String codec, int sampleRate, int channels,
                           List<ChapterFact> chapters, Map<String, String> tags, boolean hasCover, String formatName) {
        public List<String> chapterTitles() {
            return chapters.stream().map(ChapterFact::title).toList();
        }
    }

    public M4bFacts inspect(Path file) {
        String out = run(tools.ffprobeCommand(List.of("-v", "error", "-show_format", "-show_streams", "-show_chapters",
            "-of", "json", file.toString())));
        try {
            JsonNode root = json.readTree(out);
            String codec = "";
            int rate = 0;
            int channels = 0;
            boolean cover = false;
            for (JsonNode stream : root.path("streams")) {
                if ("audio".equals(stream.path("codec_type").asText()) && codec.isEmpty()) {
                    codec = stream.path("codec_name").asText();
                    rate = stream.path("sample_rate").asInt();
                    channels = stream.path("channels").asInt();
                }
                if (stream.path("disposition").path("attached_pic").asInt() == 1) {
                    cover = true;
                }
            }
            List<ChapterFact> chapters = new ArrayList<>();
            for (JsonNode chapter : root.path("chapters")) {
                chapters.add(new ChapterFact(chapter.path("start_time").asDouble(), chapter.path("end_time").asDouble(),
                    chapter.path("tags").path("title").asText()));
            }
            Map<String, String> tags = new HashMap<>();
            root.path("format").path("tags").fields().forEachRemaining(e -> tags.put(e.getKey().toLowerCase(), e.getValue().asText()));
            return new M4bFacts(root.path("format").path("duration").asDouble(), codec, rate, channels, chapters, tags,
                cover, root.path("format").path("format_name").asText());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Samples per channel ffmpeg decodes from the file (what a player plays). */
    public long decodedSamples(Path file) {
        List<String> command = tools.ffmpegCommand(List.of("-nostdin", "-v", "error", "-i", file.toString(),
            "-map", "0:a:0", "-f", "s16le", "-ac", "1", "-c:a", "pcm_s16le", "pipe:1"));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long bytes = 0;
            try (InputStream in = process.getInputStream()) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    bytes += n;
                }
            }
            process.waitFor(120, TimeUnit.SECONDS);
            return bytes / 2;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The first audio stream decoded as a player plays it, mono, as 32-bit float samples (for short books). */
    public float[] decodedMono(Path file) {
        List<String> command = tools.ffmpegCommand(List.of("-nostdin", "-v", "error", "-i", file.toString(),
            "-map", "0:a:0", "-ac", "1", "-f", "f32le", "pipe:1"));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] bytes;
            try (InputStream in = process.getInputStream()) {
                bytes = in.readAllBytes();
            }
            process.waitFor(120, TimeUnit.SECONDS);
            float[] samples = new float[bytes.length / 4];
            java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(samples);
            return samples;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The largest |x[n+1] - x[n]| with both samples in {@code [from, to)}: a click shows up as a jump. */
    /** The MD5 of a file's audio packets as ffmpeg reads them (stream copy, no decode): equal for the same audio. */
    public String audioPacketsMd5(Path file) {
        String md5 = run(tools.ffmpegCommand(List.of("-v", "error", "-i", file.toString(), "-map", "0:a", "-c", "copy",
            "-f", "md5", "-"))).trim();
        if (!md5.startsWith("MD5=")) {
            throw new IllegalStateException("ffmpeg gave no MD5 of the audio of " + file);
        }
        return md5;
    }

    public static float largestJump(float[] audio, int from, int to) {
        float largest = 0;
        for (int i = Math.max(from, 0); i + 1 < Math.min(to, audio.length); i++) {
            largest = Math.max(largest, Math.abs(audio[i + 1] - audio[i]));
        }
        return largest;
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
