package org.automb.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.automb.media.AudioSource;
import org.automb.media.libav.SampleCounter;
import org.automb.media.mp4.CutShort;

/**
 * Finds the source at fault when a book's audio is shorter than its sources promise: an MP4 whose sample tables
 * list audio past the file's end (read from its moov alone, so cheap enough for every stream copy), or a source
 * that decodes short of the duration its header states. The decode is a full pass over the book, so it runs only
 * when a length must be explained, never on the way of a book that converts.
 */
public final class ShortSourceFinder {

    private final Optional<SampleCounter> counter;

    /** @param counter the in-JVM decoder; without it only the MP4 tables are read */
    public ShortSourceFinder(Optional<SampleCounter> counter) {
        this.counter = counter;
    }

    /** A source at fault and what is wrong with it, worded for the user (the file is named beside it). */
    public record ShortSource(Path file, String reason) {
    }

    /** The first MP4 source, in play order, whose tables list audio past its end. */
    public static Optional<ShortSource> cutShort(List<AudioSource> sources) {
        for (AudioSource source : sources) {
            try {
                Optional<CutShort> cut = CutShort.of(source.file());
                if (cut.isPresent()) {
                    return Optional.of(new ShortSource(source.file(), TruncationCheck.problem(cut.get())));
                }
            } catch (IOException e) {
                // gone or unreadable now: the book's change check, or the decode, says what happened to it
            }
        }
        return Optional.empty();
    }

    /**
     * The first source, in play order, that is cut short, cannot be decoded, or decodes more than a second (and
     * 5 %) short of its header's duration; a duration libavformat only estimated is not held against a file.
     */
    public Optional<ShortSource> find(List<AudioSource> sources) {
        Optional<ShortSource> cut = cutShort(sources);
        if (cut.isPresent() || counter.isEmpty()) {
            return cut;
        }
        for (AudioSource source : sources) {
            SampleCounter.Count count;
            try {
                count = counter.get().count(source);
            } catch (SampleCounter.Undecodable e) {
                return Optional.of(new ShortSource(source.file(), "the audio cannot be decoded: " + e.getMessage()));
            }
            Optional<String> problem = TruncationCheck.problem(count.samples(), count.sampleRate(), source);
            if (problem.isPresent()) {
                return Optional.of(new ShortSource(source.file(), problem.get()));
            }
        }
        return Optional.empty();
    }
}
