package org.automb.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.automb.jobs.PermanentFailure;

/**
 * The fast encode, for a book whose sources all share one codec, sample rate and channel count (nearly every book):
 * ffmpeg reads the files itself through its concat demuxer and encodes them in one process, exactly what a careful
 * user runs by hand, while the JVM decodes each source once more on another core only to count its samples, which
 * places the chapter marks to the sample.
 *
 * <p>Compared with feeding decoded PCM through the JVM ({@link PcmFeed}) it saves a decoder process per file and
 * two copies of every sample; books with mixed formats still take the PCM feed, which resamples each file alone.
 */
public final class ConcatEncode {

    private final SampleCounter counter;
    private final ExecutorService pool;

    public ConcatEncode(SampleCounter counter, ExecutorService pool) {
        this.counter = counter;
        this.pool = pool;
    }

    /** True when one decoder can read every source in turn and no source needs resampling. */
    public static boolean suits(ConversionPlan plan) {
        AudioSource first = plan.sources().get(0);
        return plan.sources().stream().allMatch(source -> source.audioStreamIndex() == 0
            && source.codec().equals(first.codec())
            && source.sampleRate() == plan.sampleRate()
            && source.channels() == first.channels());
    }

    /** The encoder's input options for the concat list (which names the sources in order). */
    public List<String> inputArguments(java.nio.file.Path concatList) {
        return List.of("-f", "concat", "-safe", "0", "-i", concatList.toString(), "-map", "0:a:0",
            // the demuxer's timestamps jump at each join; numbering samples keeps every one of them, in order
            "-af", "asetpts=N/SR/TB");
    }

    /**
     * Counts the samples of every source, in order, on one pooled thread (the encoder has the other cores).
     * Completes exceptionally with a {@link PermanentFailure} naming the first file that cannot be decoded whole.
     */
    public CompletableFuture<List<Long>> countSamples(String bookKey, List<AudioSource> sources) {
        return CompletableFuture.supplyAsync(() -> {
            List<Long> counts = new ArrayList<>(sources.size());
            for (AudioSource source : sources) {
                SampleCounter.Count count;
                try {
                    count = counter.count(source);
                } catch (SampleCounter.Undecodable e) {
                    throw new PermanentFailure(bookKey, source.file(), "the audio cannot be decoded: " + e.getMessage(), "");
                }
                if (count.samples() == 0) {
                    throw new PermanentFailure(bookKey, source.file(),
                        "the audio cannot be decoded: it holds no decodable audio", "");
                }
                TruncationCheck.problem(count.samples(), count.sampleRate(), source.durationSeconds()).ifPresent(reason -> {
                    throw new PermanentFailure(bookKey, source.file(), "the audio cannot be decoded: " + reason, "");
                });
                counts.add(count.samples());
            }
            return List.copyOf(counts);
        }, pool);
    }
}
