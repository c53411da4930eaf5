package org.automb.convert.mp4;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each part goes when parts are joined, as one edit per part.
 *
 * <p>Each part keeps all its frames, priming included (its first frame primes the decoder for its second), so
 * part k's media starts where the frames of the parts before it end. Its edit skips its own priming and presents
 * the rest up to its last whole frame: the end padding of every part but the last is kept, because players built
 * on ffmpeg do not trim it when the part plays alone, and an edit ending on a frame boundary is read alike by
 * every player. So part k starts, in the presented book, at the sum of what ffmpeg decodes from each earlier part
 * alone. The last part's edit ends where its own edit ended.
 *
 * @param mediaStarts        where each part's first frame is in the joined media
 * @param presentedStarts    where each part's audio starts in the presented book (the chapter positions)
 * @param presentedDurations how long each part's edit presents
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
        List<Long> durations = new ArrayList<>();
        long media = 0;
        long presented = 0;
        for (int k = 0; k < parts.size(); k++) {
            boolean last = k == parts.size() - 1;
            PartTiming part = parts.get(k);
            mediaStarts.add(media);
            presentedStarts.add(presented);
            durations.add(part.presentedDuration(last));
            media += part.joinedMediaDuration(last);
            presented += part.presentedDuration(last);
        }
        return new JoinTimeline(mediaStarts, presentedStarts, durations, media, parts);
    }

    /** The length of the presented book, in the media timescale. */
    public long presentedDuration() {
        return presentedDurations.stream().mapToLong(Long::longValue).sum();
    }

    /**
     * One edit per part. Segment durations are in the movie timescale: each is the difference of its rounded end and
     * start positions, so rounding never adds up over many parts.
     */
    public EditList editList(long movieTimescale, long mediaTimescale) {
        List<EditList.Edit> edits = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            long start = presentedStarts.get(k);
            long end = start + presentedDurations.get(k);
            long segment = rescale(end, movieTimescale, mediaTimescale) - rescale(start, movieTimescale, mediaTimescale);
            edits.add(new EditList.Edit(segment, mediaStarts.get(k) + parts.get(k).priming(), EditList.NORMAL_RATE));
        }
        return new EditList(edits);
    }

    /** {@code value} units of {@code from} per second in units of {@code to} per second, rounded to nearest. */
    static long rescale(long value, long to, long from) {
        return Math.floorDiv(Math.addExact(Math.multiplyExact(value, to), from / 2), from);
    }
}
