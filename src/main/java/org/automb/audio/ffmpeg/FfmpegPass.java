package org.automb.audio.ffmpeg;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.automb.attempt.AudioPassUnderWay;

/**
 * The ffmpeg run under way that writes a book's audio on one of the ffmpeg paths: set by the path's prepare step,
 * read by its check step once {@code exec:ffmpeg} has returned.
 *
 * @param startNanos  when the pass started ({@link System#nanoTime()}), before any cut-off was scheduled
 * @param limitMillis how long ffmpeg may take before camel-exec's watchdog kills it (see {@link org.automb.audio.ConvertTimeout})
 * @param input       what this path feeds ffmpeg, and what its check needs of it
 */
public record FfmpegPass(long startNanos, long limitMillis, Input input) implements AudioPassUnderWay {

    /** What one ffmpeg path reads, with what its check needs. */
    public sealed interface Input permits StreamCopy, Concat, Feed {
    }

    /** {@link org.automb.plan.AudioPath#FFMPEG_CONCAT_COPY}: each part's layout, to write the concat list and place the chapters. */
    public record StreamCopy(List<StreamCopyChapters.PartLayout> parts) implements Input {
    }

    /** {@link org.automb.plan.AudioPath#FFMPEG_CONCAT_ENCODE}: the sources' sample counts, counted meanwhile on another core. */
    public record Concat(CompletableFuture<ConcatEncode.SampleCounts> counts) implements Input {
    }

    /** {@link org.automb.plan.AudioPath#FFMPEG_PCM_FEED}: the decoded PCM stream given to ffmpeg's stdin. */
    public record Feed(PcmFeed feed) implements Input {
    }

    /** Milliseconds since the pass started. */
    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** This pass's input, which must be of {@code type} (the path's check reads what its prepare set). */
    public <T extends Input> T input(Class<T> type) {
        if (!type.isInstance(input)) {
            throw new IllegalStateException("the ffmpeg pass under way reads " + input.getClass().getSimpleName()
                + ", not " + type.getSimpleName());
        }
        return type.cast(input);
    }
}
