package org.automb.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.automb.media.ffmpeg.FfmpegTools;

/**
 * Generates real audio for tests with the bundled ffmpeg ({@code lavfi} sine sources, tags written by ffmpeg):
 * no binary fixtures in git.
 */
public final class TestAudio {

    private final FfmpegTools tools;
    private int tone = 220;
    private int seed = 1;

    public TestAudio(FfmpegTools tools) {
        this.tools = tools;
    }

    public static TestAudio bundled() {
        return new TestAudio(FfmpegTools.resolve(null, null));
    }

    public FfmpegTools tools() {
        return tools;
    }

    /** An MP3 of {@code seconds} at {@code rate} Hz with {@code channels}, tagged with {@code tags}. */
    public Path mp3(Path file, double seconds, int rate, int channels, Map<String, String> tags) {
        return audio(file, seconds, rate, channels, tags, List.of("-c:a", "libmp3lame", "-b:a", "64k"));
    }

    public Path mp3(Path file, double seconds, Map<String, String> tags) {
        return mp3(file, seconds, 22050, 1, tags);
    }

    /** An AAC-LC m4a (or m4b, by the extension). */
    public Path aac(Path file, double seconds, int rate, int channels, Map<String, String> tags) {
        return audio(file, seconds, rate, channels, tags, List.of("-c:a", "aac", "-b:a", "64k", "-f", "ipod"));
    }

    /**
     * An AAC-LC m4a without perceptual noise substitution: noise bands decode to random noise from a generator
     * that runs on from file to file, so only audio without them decodes to the same samples alone and joined.
     */
    public Path aacWithoutNoiseBands(Path file, double seconds, int rate, int channels, Map<String, String> tags) {
        return audio(file, seconds, rate, channels, tags, List.of("-c:a", "aac", "-aac_pns", "0", "-b:a", "64k", "-f", "ipod"));
    }

    /**
     * An AAC-LC m4a written with {@code -movflags +faststart}: the moov (the sample tables, the duration) before the
     * audio, so a copy cut short still announces its full length.
     */
    public Path aacFaststart(Path file, double seconds, int rate, int channels, Map<String, String> tags) {
        return audio(file, seconds, rate, channels, tags, List.of("-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart", "-f", "ipod"));
    }

    /**
     * A raw AAC stream (ADTS frames, no container): libavformat estimates its duration from the first frames'
     * bit rate. The first two seconds are nearly silent (small frames), so the estimate is about twice too long.
     */
    public Path adts(Path file, double seconds, int rate, int channels) {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", sine(seconds, rate),
            "-af", "volume='if(lt(t,2),0.001,1)':eval=frame", "-ac", String.valueOf(channels), "-c:a", "aac", "-b:a", "64k",
            "-f", "adts", file.toString()));
        run(args);
        return file;
    }

    /**
     * A VBR MP3 without a Xing/VBRI header: libavformat estimates its duration from the first frame's bit rate.
     * It opens with a second of silence (the smallest frames) before loud noise (the largest), so the estimate is
     * about twice the real length.
     */
    public Path mp3VbrWithoutXing(Path file, double seconds, int rate, int channels, Map<String, String> tags) {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i",
            "anoisesrc=d=" + seconds + ":r=" + rate + ":a=0.5:seed=" + (file.getFileName().hashCode() & 0xffff), "-af", "volume='if(lt(t,1),0,1)':eval=frame",
            "-ac", String.valueOf(channels), "-c:a", "libmp3lame", "-q:a", "4", "-write_xing", "0"));
        addTags(args, tags);
        args.add(file.toString());
        run(args);
        return file;
    }

    /** {@link #findable}'s MP3 encoding. */
    public static final List<String> MP3 = List.of("-c:a", "libmp3lame", "-b:a", "64k");
    /** {@link #findable}'s AAC-LC .m4a encoding, without noise bands (they decode differently in every file). */
    public static final List<String> AAC = List.of("-c:a", "aac", "-aac_pns", "0", "-b:a", "96k", "-f", "ipod");
    /** {@link #findable}'s FLAC encoding. */
    public static final List<String> FLAC = List.of("-c:a", "flac");

    /**
     * Audio whose start can be found again in a book by cross-correlation (see {@code StartFinder}): pink noise of
     * its own seed, with a tremolo, so no stretch looks like a shifted copy of another (a pure tone does).
     */
    public Path findable(Path file, double seconds, int rate, int channels, List<String> codec, Map<String, String> tags) {
        String source = String.format(java.util.Locale.ROOT,
            "anoisesrc=color=pink:amplitude=0.25:seed=%d:sample_rate=%d:duration=%.6f", seed++, rate, seconds);
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", source, "-af", "tremolo=f=2.5:d=0.5",
            "-ac", String.valueOf(channels)));
        args.addAll(codec);
        addTags(args, tags);
        args.add(file.toString());
        run(args);
        return file;
    }

    /** Cuts {@code file} to {@code share} of its bytes, as an interrupted download or copy leaves it. */
    public static Path truncate(Path file, double share) {
        try {
            byte[] whole = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(whole, (int) (whole.length * share)));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path flac(Path file, double seconds, int rate, int channels, Map<String, String> tags) {
        return audio(file, seconds, rate, channels, tags, List.of("-c:a", "flac"));
    }

    public Path opus(Path file, double seconds, Map<String, String> tags) {
        return audio(file, seconds, 48000, 1, tags, List.of("-c:a", "libopus", "-b:a", "32k", "-f", "ogg"));
    }

    public Path wav(Path file, double seconds, int rate, int channels) {
        return audio(file, seconds, rate, channels, Map.of(), List.of("-c:a", "pcm_s16le"));
    }

    public Path wma(Path file, double seconds, Map<String, String> tags) {
        return audio(file, seconds, 44100, 2, tags, List.of("-c:a", "wmav2", "-b:a", "64k", "-f", "asf"));
    }

    /** An MP3 with an embedded JPEG cover. */
    public Path mp3WithCover(Path file, double seconds, Map<String, String> tags) {
        Path cover = image(file.resolveSibling(".cover-" + file.getFileName() + ".jpg"), 300, 300);
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", sine(seconds, 22050), "-i", cover.toString(),
            "-map", "0:a", "-map", "1:v", "-ac", "1", "-c:a", "libmp3lame", "-b:a", "64k", "-c:v", "copy",
            "-id3v2_version", "3", "-disposition:v:0", "attached_pic"));
        addTags(args, tags);
        args.add(file.toString());
        run(args);
        try {
            Files.delete(cover);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    /** A noisy JPEG image (noise keeps it above the 7 KB cover threshold). */
    public Path image(Path file, int width, int height) {
        run(List.of("-f", "lavfi", "-i", "nullsrc=s=" + width + "x" + height + ",geq=random(1)*255:128:128",
            "-frames:v", "1", "-q:v", "2", file.toString()));
        return file;
    }

    private Path audio(Path file, double seconds, int rate, int channels, Map<String, String> tags, List<String> codec) {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", sine(seconds, rate), "-ac", String.valueOf(channels)));
        args.addAll(codec);
        addTags(args, tags);
        args.add(file.toString());
        run(args);
        return file;
    }

    private String sine(double seconds, int rate) {
        tone = tone >= 880 ? 220 : tone + 55; // a different pitch per file makes joins audible in a listening check
        return "sine=frequency=" + tone + ":duration=" + seconds + ":sample_rate=" + rate;
    }

    private static void addTags(List<String> args, Map<String, String> tags) {
        tags.forEach((k, v) -> {
            args.add("-metadata");
            args.add(k + "=" + v);
        });
    }

    private void run(List<String> args) {
        List<String> full = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-v", "error", "-y"));
        full.addAll(args);
        try {
            Files.createDirectories(Path.of(args.get(args.size() - 1)).toAbsolutePath().getParent());
            Process process = new ProcessBuilder(tools.ffmpegCommand(full)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg failed generating test audio: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
