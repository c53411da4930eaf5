package org.automb.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.automb.media.ffmpeg.FfmpegTools;

/**
 * What two independent players hear of a book: ffmpeg (libavformat, as ffprobe, VLC, mpv and the service itself
 * read MP4) and GStreamer ({@code qtdemux}, as Linux audiobook players do). Both must play it to the end, to the
 * sources' length within one AAC frame per join, and each chapter mark must fall where its source's audio really
 * starts in what each of them plays (found by cross-correlation): within a millisecond, the marks' own precision,
 * far inside the one AAC frame a player may be off.
 */
public final class PlayerCheck {

    public static final int FRAME = 1024;
    /** How much of each source is looked for: about 0.1 s. */
    private static final int OPENING = 4096;

    private final FfmpegTools tools;

    public PlayerCheck(FfmpegTools tools) {
        this.tools = tools;
    }

    /** What each player decoded (samples per channel) and where it found each source (samples). */
    public record Played(long ffmpegSamples, long gstreamerSamples, List<Long> ffmpegStarts, List<Long> gstreamerStarts,
                         long sourceSamples) {
        @Override
        public String toString() {
            return "sources " + sourceSamples + ", ffmpeg " + ffmpegSamples + " (" + (ffmpegSamples - sourceSamples)
                + "), GStreamer " + gstreamerSamples + " (" + (gstreamerSamples - sourceSamples) + "); starts found by ffmpeg "
                + ffmpegStarts + ", by GStreamer " + gstreamerStarts;
        }
    }

    /** Each source as ffmpeg decodes it alone (the truth a player gives for that file), mono at {@code rate}. */
    public List<short[]> sourcesAlone(List<Path> sources, int rate) {
        List<short[]> decoded = new ArrayList<>();
        for (Path source : sources) {
            decoded.add(ffmpegMono(source, rate));
        }
        return decoded;
    }

    /**
     * Asserts that ffmpeg and GStreamer both play {@code book} completely, chapters on their sources' true starts.
     *
     * @param sources        each source decoded alone (see {@link #sourcesAlone}), in play order
     * @param chapterSeconds each chapter's start as the book states it
     * @param rate           the book's sample rate
     */
    public Played assertPlaysCompletely(Path book, List<short[]> sources, List<Double> chapterSeconds, int rate) {
        long total = sources.stream().mapToLong(s -> s.length).sum();
        long tolerance = (long) FRAME * Math.max(1, sources.size() - 1);
        short[] ffmpeg = ffmpegMono(book, rate);
        short[] gstreamer = GstDecode.mono(book);
        List<Long> ffmpegStarts = starts(ffmpeg, sources, chapterSeconds, rate);
        List<Long> gstreamerStarts = starts(gstreamer, sources, chapterSeconds, rate);
        Played played = new Played(ffmpeg.length, gstreamer.length, ffmpegStarts, gstreamerStarts, total);
        System.out.println("[players] " + book.getFileName() + ": " + played);
        assertThat((long) ffmpeg.length).as("samples ffmpeg plays of %s (%s)", book.getFileName(), played)
            .isBetween(total - tolerance, total + tolerance);
        assertThat((long) gstreamer.length).as("samples GStreamer plays of %s (%s)", book.getFileName(), played)
            .isBetween(total - tolerance, total + tolerance);
        assertThat(Math.abs(ffmpeg.length - gstreamer.length)).as("ffmpeg and GStreamer play the same length (%s)", played)
            .isLessThanOrEqualTo(FRAME);
        // chapter marks are whole milliseconds; GStreamer starts a sample early (the edit's start in nanoseconds)
        long markTolerance = rate / 1000 + 2;
        for (int i = 0; i < sources.size(); i++) {
            long mark = Math.round(chapterSeconds.get(i) * rate);
            assertThat(ffmpegStarts.get(i)).as("source %d's start in ffmpeg's decode against its chapter mark %d (%s)",
                i + 1, mark, played).isBetween(mark - markTolerance, mark + markTolerance);
            assertThat(gstreamerStarts.get(i)).as("source %d's start in GStreamer's decode against its chapter mark %d (%s)",
                i + 1, mark, played).isBetween(mark - markTolerance, mark + markTolerance);
        }
        return played;
    }

    private static List<Long> starts(short[] audio, List<short[]> sources, List<Double> chapterSeconds, int rate) {
        List<Long> found = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            short[] source = sources.get(i);
            short[] opening = java.util.Arrays.copyOf(source, Math.min(OPENING, source.length));
            long mark = Math.round(chapterSeconds.get(i) * rate);
            try {
                found.add(StartFinder.find(audio, opening, mark, 4 * FRAME));
            } catch (AssertionError notThere) {
                found.add(-1L); // a book that stops early has no audio where the source should start
            }
        }
        return found;
    }

    /** The first audio stream as ffmpeg plays it: mono 16-bit samples at {@code rate}. */
    public short[] ffmpegMono(Path file, int rate) {
        List<String> command = tools.ffmpegCommand(List.of("-nostdin", "-v", "error", "-i", file.toString(),
            "-map", "0:a:0", "-ac", "1", "-ar", String.valueOf(rate), "-f", "s16le", "-c:a", "pcm_s16le", "pipe:1"));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] bytes;
            try (InputStream in = process.getInputStream()) {
                bytes = in.readAllBytes();
            }
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("ffmpeg decodes %s in time", file.getFileName()).isTrue();
            assertThat(process.exitValue()).as("ffmpeg decodes %s", file.getFileName()).isZero();
            return GstDecode.s16le(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
