package org.automb.audio.ffmpeg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.automb.audio.TruncationCheck;
import org.automb.failure.PermanentFailure;
import org.automb.media.AudioSource;
import org.automb.media.libav.SampleCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast encode, for a book whose sources all share one codec, sample rate and channel count (nearly every book):
 * ffmpeg reads the files itself through its concat demuxer and encodes them in one process, exactly what a careful
 * user runs by hand, while the JVM counts each source's samples on another core (from MP3 frame lengths, or by
 * decoding it once more), which places the chapter marks to the sample.
 *
 * <p>Compared with feeding decoded PCM through the JVM ({@link PcmFeed}) it saves a decoder process per file and
 * two copies of every sample; books with mixed formats still take the PCM feed, which resamples each file alone.
 */
public final class ConcatEncode {

    private static final Logger LOG = LoggerFactory.getLogger(ConcatEncode.class);

    private final SampleCounter counter;
    private final ExecutorService pool;

    public ConcatEncode(SampleCounter counter, ExecutorService pool) {
        this.counter = counter;
        this.pool = pool;
    }

    /** The encoder's input options for the concat list (which names the sources in order). */
    public List<String> inputArguments(java.nio.file.Path concatList) {
        return List.of("-f", "concat", "-safe", "0", "-i", concatList.toString(), "-map", "0:a:0",
            // the demuxer's timestamps jump at each join; numbering samples keeps every one of them, in order
            "-af", "asetpts=N/SR/TB");
    }

    /** Each source's samples, in order; {@code fromFrameLengths} when read from MP3 frame lengths, not decoded. */
    public record SampleCounts(List<Long> samples, boolean fromFrameLengths) {
        long total() {
            return samples.stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Counts the samples of every source, in order, on one pooled thread (the encoder has the other cores): MP3s
     * from their frame lengths (no decode; {@link #confirmed} checks the result against the encoder), others by
     * decoding. Completes exceptionally with a {@link PermanentFailure} naming the first file that cannot be read.
     */
    public CompletableFuture<SampleCounts> countSamples(String bookKey, List<AudioSource> sources) {
        boolean frames = sources.stream().allMatch(source -> "mp3".equals(source.codec()));
        return CompletableFuture.supplyAsync(() -> count(bookKey, sources, frames), pool);
    }

    /**
     * Counts from frame lengths are right unless a frame failed to decode: they must add up to what the encoder
     * received ({@code encoded} declares it), or every source is decoded and counted again.
     */
    public SampleCounts confirmed(String bookKey, List<AudioSource> sources, SampleCounts counts, Path encoded) {
        if (!counts.fromFrameLengths()) {
            return counts;
        }
        long declared;
        try {
            declared = counter.declaredSamples(encoded);
        } catch (SampleCounter.Undecodable e) {
            declared = -1;
        }
        if (declared == counts.total()) {
            return counts;
        }
        LOG.info("book '{}': the encoder received {} samples, the MP3 frames add up to {}; decoding to place the "
            + "chapters exactly", bookKey, declared, counts.total());
        return count(bookKey, sources, false);
    }

    private SampleCounts count(String bookKey, List<AudioSource> sources, boolean fromFrames) {
        List<Long> counts = new ArrayList<>(sources.size());
        for (AudioSource source : sources) {
            SampleCounter.Count count;
            try {
                count = fromFrames ? counter.countFrames(source) : counter.count(source);
            } catch (SampleCounter.Undecodable e) {
                if (fromFrames) {
                    return count(bookKey, sources, false); // the decoder names what is wrong with the file
                }
                throw new PermanentFailure(bookKey, source.file(), "the audio cannot be decoded: " + e.getMessage(), "");
            }
            if (count.samples() == 0) {
                throw new PermanentFailure(bookKey, source.file(),
                    "the audio cannot be decoded: it holds no decodable audio", "");
            }
            TruncationCheck.problem(count.samples(), count.sampleRate(), source).ifPresent(reason -> {
                throw new PermanentFailure(bookKey, source.file(), reason, "");
            });
            counts.add(count.samples());
        }
        return new SampleCounts(List.copyOf(counts), fromFrames);
    }
}
