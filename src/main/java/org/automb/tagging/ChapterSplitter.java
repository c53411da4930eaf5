package org.automb.tagging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.automb.media.LoudnessEnvelope;
import org.automb.plan.Chapter;

/**
 * Splits chapters longer than a maximum at the quietest pause (setting MAX_CHAPTER_LENGTH, auto-m4b's): a book of
 * two 5-hour files gets chapters a listener can navigate. Pure: the loudness comes in as an envelope, measured
 * while the book was encoded or read from the m4b's search windows ({@link Loudness}).
 *
 * <p>How a chapter longer than {@code max} is cut: the split goes in the window from {@code start + min} to
 * {@code start + max}, ended earlier where needed so that the rest keeps at least {@code min} (when the chapter is
 * shorter than {@code 2 × min}, the window is where both pieces stay within {@code max}); when that narrower
 * window has no pause, the whole window {@code [start + min, start + max]} is searched. The rest is split again
 * until every piece is at most {@code max}. In the window, the quietest pause is the stretch that stays quietest
 * over {@value #SUSTAIN_MILLIS} ms (the loudest block of the run counts, so a click of silence is no pause); of the
 * stretches within {@value #TOLERANCE_DB} dB of that level, the longest wins, and the split lands on its middle, to
 * the millisecond. When nothing in the window is at least {@value #PAUSE_BELOW_SPEECH_DB} dB quieter than its median
 * level (no pause at all, or the window was not measured), the split lands at the first window's end:
 * {@code start + max}, or earlier so that the rest keeps its minimum. The first piece
 * keeps the chapter's title; the next are titled {@code <title> (2)}, {@code (3)}...
 */
public final class ChapterSplitter {

    /** How long a dip must stay quiet to count as a pause (a short gap inside a word does not). */
    static final long SUSTAIN_MILLIS = 400;
    /** Pauses this close to the quietest level count as equally quiet; then the longest wins. */
    static final float TOLERANCE_DB = 3f;
    /** A pause must be at least this much quieter than the window's median (the speech) to be one. */
    static final float PAUSE_BELOW_SPEECH_DB = 10f;

    /**
     * Where the chapter lengths lie, in milliseconds (MAX_CHAPTER_LENGTH in minutes: {@code min,max}).
     *
     * @param minMillis the shortest a piece is cut to (where the pause search starts)
     * @param maxMillis the longest a chapter may stay
     */
    public record Limits(long minMillis, long maxMillis) {

        public Limits {
            // a minimum of 0 would let a cut land on the piece's own start, again and again
            if (minMillis <= 0 || minMillis > maxMillis) {
                throw new IllegalArgumentException("chapter lengths from " + minMillis + " to " + maxMillis + " ms");
            }
        }

        /**
         * MAX_CHAPTER_LENGTH: {@code min,max} in minutes (auto-m4b's {@code 15,30}), or one number, the maximum, with
         * the minimum half of it ({@code 30} is {@code 15,30}); {@code 0} (or blank) turns splitting off (empty).
         * Minutes may have decimals ({@code 0.5,1}); the minimum must be more than 0.
         *
         * @throws IllegalArgumentException naming the setting, for anything else
         */
        public static Optional<Limits> parse(String setting) {
            String value = setting == null ? "" : setting.strip();
            if (value.isEmpty() || value.equals("0")) {
                return Optional.empty();
            }
            String[] parts = value.split(",", -1);
            try {
                if (parts.length == 1) {
                    double max = Double.parseDouble(parts[0].strip());
                    return max == 0 ? Optional.empty() : Optional.of(new Limits(minutes(max / 2), minutes(max)));
                }
                if (parts.length == 2) {
                    double max = Double.parseDouble(parts[1].strip());
                    return max == 0 ? Optional.empty()
                        : Optional.of(new Limits(minutes(Double.parseDouble(parts[0].strip())), minutes(max)));
                }
            } catch (IllegalArgumentException e) {
                // reported below with the setting's name
            }
            throw new IllegalArgumentException("MAX_CHAPTER_LENGTH must be 'min,max' or 'max' in minutes (0 < min <= max), "
                + "or 0 for off; got '" + setting + "'");
        }

        private static long minutes(double minutes) {
            if (!(minutes >= 0) || Double.isInfinite(minutes)) {
                throw new IllegalArgumentException("not a length: " + minutes);
            }
            return Math.round(minutes * 60_000);
        }
    }

    /** Measures a stretch of the book on demand (the fallback reader decodes only what the splitter asks for). */
    @FunctionalInterface
    public interface Loudness {
        /** The levels of at least {@code [fromMillis, toMillis)} of the book (NaN where unknown). */
        LoudnessEnvelope measure(long fromMillis, long toMillis);
    }

    private final Optional<Limits> limits;

    /** @param limits the chapter lengths; empty: splitting is off and chapters are returned as they are */
    public ChapterSplitter(Optional<Limits> limits) {
        this.limits = limits;
    }

    /**
     * How far past the maximum a chapter may run and still count as no longer than it: the joins of AAC parts add a
     * frame each (23 ms), so a book of 30-minute parts has chapters of 30:00.02, which no listener means to split.
     */
    public static final long SLACK_MILLIS = 1000;

    /** Whether any chapter is longer than the maximum (so there is something to measure and split). */
    public boolean needsSplitting(List<Chapter> chapters) {
        return limits.isPresent() && chapters.stream().anyMatch(c -> length(c) > limits.get().maxMillis() + SLACK_MILLIS);
    }

    /** {@link #split(List, Loudness)} with the whole book's envelope, as measured while it was encoded. */
    public List<Chapter> split(List<Chapter> chapters, LoudnessEnvelope envelope) {
        return split(chapters, (from, to) -> envelope);
    }

    /** The chapters, every one longer than the maximum split at its quietest pauses (see the class comment). */
    public List<Chapter> split(List<Chapter> chapters, Loudness loudness) {
        if (limits.isEmpty()) {
            return List.copyOf(chapters);
        }
        long min = limits.get().minMillis();
        long max = limits.get().maxMillis();
        List<Chapter> result = new ArrayList<>();
        for (Chapter chapter : chapters) {
            long start = chapter.startMillis();
            long end = chapter.endMillis();
            int piece = 1;
            while (end - start > max + SLACK_MILLIS) {
                long cut = cut(start, end, min, max, loudness);
                result.add(new Chapter(start, cut, title(chapter.title(), piece++)));
                start = cut;
            }
            result.add(new Chapter(start, end, title(chapter.title(), piece)));
        }
        return List.copyOf(result);
    }

    /**
     * Where to cut the chapter piece {@code [start, end)}: at the quietest pause of the window that leaves the rest at
     * least {@code min}, else of the whole window {@code [start + min, start + max]}; else at the first window's end.
     */
    private static long cut(long start, long end, long min, long max, Loudness loudness) {
        long from = start + min;
        long to = Math.min(start + max, end - min);
        if (to < from) {
            // shorter than two minimums: anywhere both pieces stay within the maximum
            from = end - max;
            to = start + max;
        }
        OptionalLong pause = quietestPause(loudness.measure(from, to), from, to);
        if (pause.isEmpty() && to < start + max) {
            long wideFrom = Math.max(start + min, end - max);
            pause = quietestPause(loudness.measure(wideFrom, start + max), wideFrom, start + max);
        }
        return pause.orElse(to);
    }

    /** The middle of the quietest, then longest, pause in {@code [from, to]}; empty if there is none. */
    static OptionalLong quietestPause(LoudnessEnvelope envelope, long from, long to) {
        int block = envelope.blockMillis();
        // the blocks that lie wholly inside the window
        long firstStart = ceilTo(from, block);
        int count = (int) Math.max(0, (to - firstStart) / block);
        int sustain = (int) Math.max(1, (SUSTAIN_MILLIS + block - 1) / block);
        if (count < sustain) {
            return OptionalLong.empty();
        }
        float[] levels = new float[count];
        for (int i = 0; i < count; i++) {
            float level = envelope.levelAt(firstStart + (long) i * block);
            levels[i] = Float.isNaN(level) ? Float.POSITIVE_INFINITY : level;
        }
        float quietest = Float.POSITIVE_INFINITY;
        for (int i = 0; i + sustain <= count; i++) {
            float loudest = Float.NEGATIVE_INFINITY;
            for (int j = i; j < i + sustain; j++) {
                loudest = Math.max(loudest, levels[j]);
            }
            quietest = Math.min(quietest, loudest);
        }
        float speech = median(levels);
        if (quietest == Float.POSITIVE_INFINITY || !(quietest <= speech - PAUSE_BELOW_SPEECH_DB)) {
            return OptionalLong.empty();
        }
        float threshold = quietest + TOLERANCE_DB;
        // the longest stretch of blocks at most the threshold, at least the sustain long
        long bestStart = -1;
        long bestEnd = -1;
        int i = 0;
        while (i < count) {
            if (levels[i] > threshold) {
                i++;
                continue;
            }
            int j = i;
            while (j < count && levels[j] <= threshold) {
                j++;
            }
            if (j - i >= sustain && (bestStart < 0 || j - i > (bestEnd - bestStart) / block)) {
                bestStart = firstStart + (long) i * block;
                bestEnd = firstStart + (long) j * block;
            }
            i = j;
        }
        if (bestStart < 0) {
            return OptionalLong.empty();
        }
        // a pause that runs on past the window's edge: its middle, as far as it lies in the window
        long pauseStart = extend(envelope, bestStart, -block, threshold);
        long pauseEnd = extend(envelope, bestEnd - block, block, threshold) + block;
        long middle = pauseStart + (pauseEnd - pauseStart) / 2;
        return OptionalLong.of(Math.max(from, Math.min(to, middle)));
    }

    /** The start of the last block in direction {@code step} from {@code at} that stays at most {@code threshold}. */
    private static long extend(LoudnessEnvelope envelope, long at, int step, float threshold) {
        long position = at;
        for (int guard = 0; guard < 600; guard++) {
            long next = position + step;
            float level = next < 0 ? Float.NaN : envelope.levelAt(next);
            if (Float.isNaN(level) || level > threshold) {
                break;
            }
            position = next;
        }
        return position;
    }

    private static float median(float[] levels) {
        float[] sorted = levels.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long ceilTo(long value, int unit) {
        return Math.floorDiv(value + unit - 1, unit) * unit;
    }

    private static long length(Chapter chapter) {
        return chapter.endMillis() - chapter.startMillis();
    }

    /** The first piece keeps the title; the next are {@code <title> (2)}, {@code (3)}... */
    static String title(String title, int piece) {
        return piece == 1 ? title : title + " (" + piece + ")";
    }
}
