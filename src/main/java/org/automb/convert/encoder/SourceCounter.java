package org.automb.convert.encoder;

import java.util.List;
import java.util.concurrent.CompletionException;
import org.automb.convert.AudioSource;
import org.automb.convert.ConcatEncode;

/** Counts each source's samples (as the decoder will deliver them) before a book is split into segments. */
@FunctionalInterface
public interface SourceCounter {

    /** Each source's samples, in order; a failure names the book and the file that cannot be read. */
    List<Long> count(String bookKey, List<AudioSource> sources);

    /** MP3s from their frame lengths, other formats by decoding (see {@link ConcatEncode#countSamples}). */
    static SourceCounter of(ConcatEncode counter) {
        return (bookKey, sources) -> {
            try {
                return counter.countSamples(bookKey, sources).join().samples();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        };
    }
}
