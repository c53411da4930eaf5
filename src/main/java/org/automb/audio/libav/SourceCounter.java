package org.automb.audio.libav;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.automb.audio.ffmpeg.ConcatEncode;
import org.automb.io.Futures;
import org.automb.media.AudioSource;

/** Counts each source's samples (as the decoder will deliver them) before a book is split into segments. */
@FunctionalInterface
public interface SourceCounter {

    /** Each source's samples, in order; a failure names the book and the file that cannot be read. */
    List<Long> count(String bookKey, List<AudioSource> sources);

    /**
     * MP3s from their frame lengths, other formats by decoding (see {@link ConcatEncode#countSamples}), the sources
     * split into {@code parallel} runs of consecutive files counted at once: the count is on the way to the first
     * encoded frame of a split book.
     */
    static SourceCounter of(ConcatEncode counter, int parallel) {
        return (bookKey, sources) -> {
            int runs = Math.max(1, Math.min(parallel, sources.size()));
            List<CompletableFuture<ConcatEncode.SampleCounts>> counting = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                List<AudioSource> run = sources.subList(sources.size() * r / runs, sources.size() * (r + 1) / runs);
                counting.add(counter.countSamples(bookKey, run));
            }
            List<Long> samples = new ArrayList<>(sources.size());
            for (CompletableFuture<ConcatEncode.SampleCounts> run : counting) {
                samples.addAll(Futures.await(run).samples());
            }
            return samples;
        };
    }
}
