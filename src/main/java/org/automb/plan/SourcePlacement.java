package org.automb.plan;

import java.util.ArrayList;
import java.util.List;

/** Where each source starts in the book's audio, and how long the whole is, in milliseconds. */
public record SourcePlacement(List<Long> startsMillis, long totalMillis) {

    public SourcePlacement {
        startsMillis = List.copyOf(startsMillis);
    }

    /** From exact decoded sample counts: source i starts after the samples of sources 0..i-1. */
    public static SourcePlacement fromSamples(List<Long> samplesPerSource, int sampleRate) {
        List<Long> starts = new ArrayList<>(samplesPerSource.size());
        long position = 0;
        for (long samples : samplesPerSource) {
            starts.add(position * 1000 / sampleRate);
            position += samples;
        }
        return new SourcePlacement(starts, position * 1000 / sampleRate);
    }
}
