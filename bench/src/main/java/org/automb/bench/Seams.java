package org.automb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

/**
 * Are the joins of a segment-parallel encode seamless? Decodes an output book once more (as a player would: edit
 * list honoured, every channel, 32-bit float PCM streamed from the bundled ffmpeg, never held in memory) and
 * measures the largest sample-to-sample jump |x[n+1] − x[n]| (over all channels) within ±{@link #WINDOW} samples of
 * each join, and the largest one everywhere else. A click at a join shows as a jump larger than any in the audio
 * around it; a seamless join keeps its jumps within what the audio does elsewhere.
 */
final class Seams {

    /** How far either side of a join a jump counts as "at the join", in samples (one AAC frame). */
    static final long WINDOW = 1024;

    private final Tools tools;
    private final ObjectMapper json = new ObjectMapper();

    Seams(Tools tools) {
        this.tools = tools;
    }

    /**
     * @param joins        the join positions checked (samples from the output's first sample), in order
     * @param atJoins      the largest |x[n+1] − x[n]| with both samples within ±{@link #WINDOW} of a join
     * @param elsewhere    the largest one everywhere else
     * @param worstJoin    the join where {@code atJoins} was found (its position, samples)
     * @param samples      decoded samples per channel
     * @param rate         the output's sample rate
     * @param channels     its channels
     */
    record Result(List<Long> joins, double atJoins, double elsewhere, long worstJoin, long samples, int rate, int channels) {
        boolean seamless() {
            return atJoins <= elsewhere;
        }
    }

    /**
     * Decodes {@code output} and measures the jumps around {@code joins} (sample positions in the output's rate,
     * from its first sample; the join at 0, the book's start, is not a join and is ignored).
     */
    Result measure(Path output, List<Long> joins) {
        JsonNode stream;
        try {
            stream = json.readTree(tools.capture(tools.ffprobe(List.of("-v", "error", "-select_streams", "a:0",
                "-show_entries", "stream=sample_rate,channels", "-of", "json", output.toString())))).path("streams").path(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int rate = stream.path("sample_rate").asInt();
        int channels = Math.max(1, stream.path("channels").asInt(1));
        long[] at = joins.stream().mapToLong(Long::longValue).filter(j -> j > 0).sorted().toArray();

        List<String> cmd = tools.ffmpeg(List.of("-nostdin", "-hide_banner", "-v", "error", "-i", output.toString(),
            "-map", "0:a:0", "-c:a", "pcm_f32le", "-f", "f32le", "pipe:1"));
        double atJoins = 0;
        double elsewhere = 0;
        long worstJoin = at.length == 0 ? -1 : at[0];
        long n = 0; // index of the current sample frame (all channels)
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            int frameBytes = 4 * channels;
            byte[] bytes = new byte[frameBytes * 16384];
            ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            float[] previous = new float[channels];
            int next = 0; // the first join whose window does not lie wholly before the current sample
            int filled = 0;
            try (InputStream in = p.getInputStream()) {
                int read;
                while ((read = in.read(bytes, filled, bytes.length - filled)) > 0) {
                    filled += read;
                    int frames = filled / frameBytes;
                    for (int f = 0; f < frames; f++, n++) {
                        double jump = 0;
                        for (int c = 0; c < channels; c++) {
                            float x = view.getFloat((f * channels + c) * 4);
                            if (n > 0) {
                                jump = Math.max(jump, Math.abs((double) x - previous[c]));
                            }
                            previous[c] = x;
                        }
                        if (n == 0) {
                            continue;
                        }
                        // the jump from sample n−1 to n: at a join when both lie within [join − WINDOW, join + WINDOW]
                        while (next < at.length && n - 1 > at[next] + WINDOW - 1) {
                            next++;
                        }
                        boolean nearJoin = next < at.length && n - 1 >= at[next] - WINDOW && n <= at[next] + WINDOW;
                        if (nearJoin) {
                            if (jump > atJoins) {
                                atJoins = jump;
                                worstJoin = at[next];
                            }
                        } else if (jump > elsewhere) {
                            elsewhere = jump;
                        }
                    }
                    int rest = filled - frames * frameBytes;
                    System.arraycopy(bytes, frames * frameBytes, bytes, 0, rest);
                    filled = rest;
                }
            }
            int exit = p.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("ffmpeg could not decode " + output + " (exit " + exit + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Result(java.util.Arrays.stream(at).boxed().toList(), atJoins, elsewhere, worstJoin, n, rate, channels);
    }
}
