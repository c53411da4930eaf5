package org.automb.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.automb.media.ffmpeg.FfmpegTools;

/**
 * What the conversion tests check beyond {@code M4bInspector}: the manifest, the cover's picture, where sounds
 * start in the decoded audio (played from the start, or from a seek as a player does for a chapter), and
 * special test audio (a short tone followed by silence, so each part's start can be heard and measured).
 */
final class OutputChecks {

    static final FfmpegTools TOOLS = FfmpegTools.resolve(null, null);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Amplitude above which a sample counts as tone (lavfi's sine peaks at 1/8 full scale, about 4096). */
    private static final int LOUD = 1000;

    private OutputChecks() {
    }

    /** The intake.json beside a book's output. */
    static JsonNode manifest(Path bookFolder) throws IOException {
        return JSON.readTree(bookFolder.resolve("intake.json").toFile());
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The attached picture of a file: codec, width and height, or null when there is none. */
    record Picture(String codec, int width, int height) {
    }

    static Picture picture(Path file) throws IOException {
        JsonNode root = JSON.readTree(run(TOOLS.ffprobeCommand(List.of("-v", "error", "-show_streams", "-of", "json",
            file.toString()))));
        for (JsonNode stream : root.path("streams")) {
            if ("video".equals(stream.path("codec_type").asText())
                && stream.path("disposition").path("attached_pic").asInt() == 1) {
                return new Picture(stream.path("codec_name").asText(), stream.path("width").asInt(),
                    stream.path("height").asInt());
            }
        }
        return null;
    }

    /** The audio stream's bit rate as ffprobe reports it, in bits per second. */
    static long audioBitRate(Path file) throws IOException {
        JsonNode root = JSON.readTree(run(TOOLS.ffprobeCommand(List.of("-v", "error", "-select_streams", "a:0",
            "-show_entries", "stream=bit_rate", "-of", "json", file.toString()))));
        return root.path("streams").path(0).path("bit_rate").asLong();
    }

    /** The audio track's own duration in seconds (the container's also spans the chapter track). */
    static double audioDuration(Path file) throws IOException {
        JsonNode root = JSON.readTree(run(TOOLS.ffprobeCommand(List.of("-v", "error", "-select_streams", "a:0",
            "-show_entries", "stream=duration", "-of", "json", file.toString()))));
        return root.path("streams").path(0).path("duration").asDouble();
    }

    /**
     * The audio decoded to mono 16-bit PCM at {@code rate}, as a player plays it: from {@code seekSeconds}
     * (a timestamp-based seek, like jumping to a chapter) for {@code seconds}, or everything when null.
     */
    static short[] pcm(Path file, int rate, Double seekSeconds, Double seconds) {
        List<String> args = new ArrayList<>(List.of("-nostdin", "-v", "error"));
        if (seekSeconds != null) {
            args.addAll(List.of("-ss", String.format(java.util.Locale.ROOT, "%.6f", seekSeconds)));
        }
        args.addAll(List.of("-i", file.toString(), "-map", "0:a:0"));
        if (seconds != null) {
            args.addAll(List.of("-t", String.format(java.util.Locale.ROOT, "%.6f", seconds)));
        }
        args.addAll(List.of("-ac", "1", "-ar", String.valueOf(rate), "-f", "s16le", "-c:a", "pcm_s16le", "pipe:1"));
        byte[] bytes = runBytes(TOOLS.ffmpegCommand(args));
        short[] samples = new short[bytes.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
        }
        return samples;
    }

    /** A tone heard in decoded audio: first and last loud sample. */
    record Tone(int start, int end) {
        int length() {
            return end - start + 1;
        }
    }

    /** The tones in {@code pcm}: runs of loud samples separated by at least {@code minGap} quiet samples. */
    static List<Tone> tones(short[] pcm, int minGap) {
        List<Tone> tones = new ArrayList<>();
        int start = -1;
        int last = -1;
        for (int i = 0; i < pcm.length; i++) {
            if (Math.abs(pcm[i]) > LOUD) {
                if (start < 0 || i - last > minGap) {
                    if (start >= 0) {
                        tones.add(new Tone(start, last));
                    }
                    start = i;
                }
                last = i;
            }
        }
        if (start >= 0) {
            tones.add(new Tone(start, last));
        }
        return tones;
    }

    /**
     * An AAC-LC part in an MP4 container ({@code .m4a}/{@code .m4b} by the file name) that holds a tone of
     * {@code toneSeconds} at its very start, then silence up to {@code seconds}.
     */
    static Path aacToneThenSilence(Path file, double toneSeconds, double seconds, int rate, int channels,
                                   Map<String, String> tags) {
        return aacToneThenSilence(file, toneSeconds, seconds, rate, channels, tags, "ipod");
    }

    /** The same as a raw AAC stream ({@code .aac}, ADTS frames, no container) when {@code format} is "adts". */
    static Path aacToneThenSilence(Path file, double toneSeconds, double seconds, int rate, int channels,
                                   Map<String, String> tags, String format) {
        List<String> args = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-v", "error", "-y", "-f", "lavfi",
            "-i", "sine=frequency=440:duration=" + toneSeconds + ":sample_rate=" + rate + ",apad=whole_dur=" + seconds,
            "-ac", String.valueOf(channels), "-c:a", "aac", "-b:a", "64k"));
        tags.forEach((k, v) -> args.addAll(List.of("-metadata", k + "=" + v)));
        args.addAll(List.of("-f", format, file.toString()));
        run(TOOLS.ffmpegCommand(args));
        return file;
    }

    /** A constant-bit-rate mp3 of {@code seconds} at {@code kbps} (TestAudio's are all 64 kbps). */
    static Path mp3AtBitrate(Path file, double seconds, int rate, int channels, int kbps, Map<String, String> tags) {
        List<String> args = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-v", "error", "-y", "-f", "lavfi",
            "-i", "sine=frequency=330:duration=" + seconds + ":sample_rate=" + rate,
            "-ac", String.valueOf(channels), "-c:a", "libmp3lame", "-b:a", kbps + "k"));
        tags.forEach((k, v) -> args.addAll(List.of("-metadata", k + "=" + v)));
        args.add(file.toString());
        run(TOOLS.ffmpegCommand(args));
        return file;
    }

    /** A file of {@code bytes} that is not audio at all (e.g. a stale output to be replaced). */
    static Path junk(Path file, int bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[bytes]);
    }

    private static String run(List<String> command) {
        return new String(runBytes(command));
    }

    private static byte[] runBytes(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = process.getInputStream()) {
                in.transferTo(out);
            }
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("command failed: " + command);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
