package org.automb.media.mp4;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each part goes when parts are joined into one continuous track with one edit.
 *
 * <p>Each part keeps all its frames, priming included, so part k's media starts where the frames of the parts
 * before it end, and the joined media plays straight through. One edit skips the first part's priming and presents
 * everything after it, up to where the last part's audio ends: GStreamer's {@code qtdemux} (Linux players such as
 * Cozy, Rhythmbox, GNOME Music) honours only the first entry of an edit list, so an edit per part made it stop
 * after part 1 (measured in docs/architecture.md). A later part's priming frames stay in the presented audio (one
 * AAC frame, about 23 ms of near-silence per join: the first part's last frame fading into the next part's
 * silent priming), and part k's chapter starts at its true first sample, after its priming, so marks and audio never
 * drift apart. Where parts have no priming (the in-JVM encoder's later segments), the join is seamless.
 *
 * @param mediaStarts        where each part's first frame is in the joined media
 * @param presentedStarts    where each part's audio starts in the presented book (the chapter positions)
 * @param presentedDurations from each part's audio start to the next one's (the last: to where its audio ends)
 * @param mediaDuration      the joined media's length (the mdhd duration)
 * @param parts              the parts' timings, in play order
 */
public record JoinTimeline(List<Long> mediaStarts, List<Long> presentedStarts, List<Long> presentedDurations,
                           long mediaDuration, List<PartTiming> parts) {

    public JoinTimeline {
        mediaStarts = List.copyOf(mediaStarts);
        presentedStarts = List.copyOf(presentedStarts);
        presentedDurations = List.copyOf(presentedDurations);
        parts = List.copyOf(parts);
    }

    public static JoinTimeline of(List<PartTiming> parts) {
        List<Long> mediaStarts = new ArrayList<>();
        List<Long> presentedStarts = new ArrayList<>();
        long media = 0;
        long skipped = parts.get(0).priming();
        for (int k = 0; k < parts.size(); k++) {
            PartTiming part = parts.get(k);
            mediaStarts.add(media);
            presentedStarts.add(media + part.priming() - skipped);
            media += part.joinedMediaDuration(k == parts.size() - 1);
        }
        PartTiming last = parts.get(parts.size() - 1);
        long end = mediaStarts.get(parts.size() - 1) + last.audioEnd() - skipped;
        List<Long> durations = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            long next = k + 1 < parts.size() ? presentedStarts.get(k + 1) : end;
            durations.add(next - presentedStarts.get(k));
        }
        return new JoinTimeline(mediaStarts, presentedStarts, durations, media, parts);
    }

    /** The length of the presented book, in the media timescale. */
    public long presentedDuration() {
        return presentedDurations.stream().mapToLong(Long::longValue).sum();
    }

    /**
     * One entry: from the first part's priming on, the whole presented book. Its duration is in the movie
     * timescale, rounded once, so no rounding adds up over many parts.
     */
    public EditList editList(long movieTimescale, long mediaTimescale) {
        long segment = rescale(presentedDuration(), movieTimescale, mediaTimescale);
        return new EditList(List.of(new EditList.Edit(segment, parts.get(0).priming(), EditList.NORMAL_RATE)));
    }

    /** {@code value} units of {@code from} per second in units of {@code to} per second, rounded to nearest. */
    static long rescale(long value, long to, long from) {
        return Math.floorDiv(Math.addExact(Math.multiplyExact(value, to), from / 2), from);
    }
}
