package org.automb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.automb.bench.Corpus.SourceInfo;
import org.automb.audiocheck.Correlation;

/**
 * Is an output book exact, as two independent players see it? Decodes it with ffmpeg (libavformat) and, separately,
 * with GStreamer ({@code qtdemux}, the demuxer of Linux audiobook players), each honouring the edit list as a player
 * does; counts the samples against the sources' total, and finds where each source's audio really starts in each
 * decode by correlating the source's opening (first 8192 samples) with the output around the expected place; the
 * chapter marks (ffprobe -show_chapters) are compared with those true starts. Tolerances: chapters within one AAC
 * frame (1024 samples); the length within one frame for the book's end plus one frame per join (each boundary between
 * separately encoded segments or stream-copied parts that the output joins: a part's kept priming frame is one frame).
 */
final class Exactness {

    static final long FRAME = 1024;
    /** How far from the expected place (the previous start found plus the previous source's length) to look. */
    private static final int SEARCH = 16384;
    private static final double MIN_CORRELATION = 0.5;

    /** Who decodes the output. */
    enum Decoder {
        FFMPEG("ffmpeg"), GSTREAMER("gst");

        final String label;

        Decoder(String label) {
            this.label = label;
        }
    }

    private final Tools tools;
    private final ObjectMapper json = new ObjectMapper();

    Exactness(Tools tools) {
        this.tools = tools;
    }

    /** The length tolerance, in samples: one AAC frame for the book's end, one more for each join. */
    static long allowedLength(int joins) {
        return FRAME * (1 + Math.max(0, joins));
    }

    /**
     * @param decoder      who decoded the output
     * @param joins        how many joins of separately encoded segments or copied parts the output has
     * @param decoded      samples decoded
     * @param expected     the sources' total (at the output's rate)
     * @param lengthDelta  output samples minus the sources' total
     * @param chapterError largest distance, in samples, between a chapter mark and where its source really starts
     * @param placementDrift largest distance between where a source really starts and where it would start in an
     *                       exact concatenation (how far the audio itself has drifted)
     * @param problem      why the book cannot be judged exact beyond the numbers (missing chapters…), or empty
     */
    record Result(Decoder decoder, int joins, long decoded, long expected, long lengthDelta, long chapterError,
                  long placementDrift, String problem) {

        static Result missing(Decoder decoder, String problem) {
            return new Result(decoder, 0, 0, 0, 0, 0, 0, problem);
        }

        boolean exact() {
            return problem.isEmpty() && Math.abs(lengthDelta) <= allowedLength(joins) && chapterError <= FRAME;
        }

        /** Stops before the end: shorter than the sources by more than the tolerance (the bug of issue #11). */
        boolean playsShort() {
            return lengthDelta < -allowedLength(joins);
        }

        String brief() {
            return Tools.fmt("%s Δ%+d/ch %d", decoder.label, lengthDelta, chapterError) + (problem.isEmpty() ? "" : ", " + problem);
        }

        /** How far past its tolerances this result is (the larger excess, in samples; ≤ 0 when within both). */
        private long excess() {
            return Math.max(Math.abs(lengthDelta) - allowedLength(joins), chapterError - FRAME);
        }

        /** The worse of two results (for a case of several books): the book that is not exact, or the farther off. */
        Result worst(Result other) {
            if (other == null) {
                return this;
            }
            if (exact() != other.exact()) {
                return exact() ? other : this;
            }
            return other.excess() > excess() ? other : this;
        }
    }

    /** One output as both decoders see it ({@code gst} null when it was decoded by ffmpeg only). */
    record Verdict(Result ffmpeg, Result gst) {

        boolean exact() {
            return ffmpeg.exact() && (gst == null || gst.exact());
        }

        /** e.g. "yes (ffmpeg Δ+193/ch 43; gst Δ+193/ch 43)", with the joins and the length allowed when there are joins. */
        String brief() {
            String joins = ffmpeg.joins() == 0 ? ""
                : Tools.fmt("%d join%s, len ≤ %d: ", ffmpeg.joins(), ffmpeg.joins() == 1 ? "" : "s", allowedLength(ffmpeg.joins()));
            return (exact() ? "yes" : "NO") + " (" + joins + ffmpeg.brief() + (gst == null ? "" : "; " + gst.brief()) + ")";
        }

        Verdict worst(Verdict other) {
            if (other == null) {
                return this;
            }
            return new Verdict(ffmpeg.worst(other.ffmpeg), gst == null ? other.gst : gst.worst(other.gst));
        }
    }

    /**
     * @param joins how many joins of separately encoded segments or stream-copied parts the output has (0 for a
     *              book encoded in one piece, however many files it came from)
     */
    Result check(Path output, List<SourceInfo> sources, Decoder decoder, int joins) {
        JsonNode probe;
        try {
            probe = json.readTree(tools.capture(tools.ffprobe(List.of("-v", "error", "-select_streams", "a:0",
                "-show_entries", "stream=sample_rate", "-show_chapters", "-of", "json", output.toString()))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int rate = probe.path("streams").path(0).path("sample_rate").asInt();
        int sourceRate = sources.get(0).rate();
        List<Long> marks = new ArrayList<>();
        for (JsonNode chapter : probe.path("chapters")) {
            String[] tb = chapter.path("time_base").asText("1/1000").split("/");
            long start = chapter.path("start").asLong();
            marks.add(Math.round(start * (double) rate * Long.parseLong(tb[0]) / Long.parseLong(tb[1])));
        }
        long total = sources.stream().mapToLong(SourceInfo::samples).sum();
        if (rate != sourceRate) {
            long decoded = decode(decoder, output, (b, n, p) -> { });
            long expected = Math.round(total * (double) rate / sourceRate);
            return new Result(decoder, joins, decoded, expected, decoded - expected, 0, 0,
                "sample rate changed " + sourceRate + " -> " + rate + ", chapters not checked");
        }
        Locator locator = new Locator(sources);
        long decoded = decode(decoder, output, locator::feed);
        locator.finish();
        String problem = "";
        if (marks.size() < sources.size()) {
            problem = marks.size() + " chapters for " + sources.size() + " files";
        } else if (locator.lost > 0) {
            problem = locator.lost + " source openings not found";
        }
        long chapterError = 0;
        long drift = 0;
        long ideal = 0;
        StringBuilder trace = new StringBuilder();
        for (int i = 0; i < sources.size(); i++) {
            long truth = locator.found[i];
            if (i < marks.size()) {
                // each file's opening has its chapter mark; more marks are long chapters split at pauses
                // (MAX_CHAPTER_LENGTH), which lie between the files' openings: the nearest mark is the file's
                long mark = nearest(marks, truth);
                chapterError = Math.max(chapterError, Math.abs(mark - truth));
                trace.append(' ').append(mark - truth);
            }
            drift = Math.max(drift, Math.abs(truth - ideal));
            ideal += sources.get(i).samples();
        }
        if (Boolean.getBoolean("bench.verbose")) {
            System.out.println(Tools.fmt("[bench] %s (%s): %d samples for %d in the sources (%+d); chapter mark − true start:%s",
                output, decoder.label, decoded, total, decoded - total, trace));
        }
        return new Result(decoder, joins, decoded, total, decoded - total, chapterError, drift, problem);
    }

    private static long nearest(List<Long> marks, long truth) {
        long best = marks.get(0);
        for (long mark : marks) {
            if (Math.abs(mark - truth) < Math.abs(best - truth)) {
                best = mark;
            }
        }
        return best;
    }

    private long decode(Decoder decoder, Path output, Corpus.SampleSink sink) {
        return decoder == Decoder.FFMPEG ? Corpus.decode(tools, output, sink) : Corpus.decodeWithGstreamer(tools, output, sink);
    }

    /**
     * Finds each source's opening in the decoded output as it streams by: source i is looked for within
     * ±{@link #SEARCH} samples of (start of source i-1 found + length of source i-1), by normalised
     * cross-correlation computed with an FFT. Keeps only the last 2^19 samples.
     */
    private static final class Locator {
        private static final int RING = 1 << 19;
        private final List<SourceInfo> sources;
        private final float[] ring = new float[RING];
        private final long[] found;
        private long position;
        private int next;
        private long expected;
        int lost;

        Locator(List<SourceInfo> sources) {
            this.sources = sources;
            this.found = new long[sources.size()];
        }

        void feed(short[] buf, int n, long at) {
            for (int i = 0; i < n; i++) {
                ring[(int) ((at + i) & (RING - 1))] = buf[i];
            }
            position = at + n;
            while (next < sources.size() && expected + SEARCH + sources.get(next).opening().length <= position) {
                locate(position);
            }
        }

        void finish() {
            while (next < sources.size()) {
                locate(position);
            }
        }

        private void locate(long end) {
            short[] opening = sources.get(next).opening();
            long start = Math.max(0, Math.max(expected - SEARCH, position - RING + 1));
            long stop = Math.min(end, expected + SEARCH + opening.length);
            long best = expected;
            double bestScore = -1;
            if (stop - start >= opening.length && opening.length > 0) {
                float[] window = new float[(int) (stop - start)];
                for (int i = 0; i < window.length; i++) {
                    window[i] = ring[(int) ((start + i) & (RING - 1))];
                }
                double[] scores = Correlation.normalisedCorrelation(window, opening);
                for (int k = 0; k < scores.length; k++) {
                    if (scores[k] > bestScore) {
                        bestScore = scores[k];
                        best = start + k;
                    }
                }
            }
            if (bestScore < MIN_CORRELATION) {
                lost++;
                best = expected;
            }
            found[next] = best;
            expected = best + sources.get(next).samples();
            next++;
        }
    }
}
