package org.automb.tagging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.automb.media.LoudnessEnvelope;
import org.automb.media.libav.LoudnessReader;
import org.automb.metadata.AudnexusChapters;
import org.automb.plan.Chapter;

/**
 * A book's chapters as the tag stage writes them: Audnexus's rule first ({@link AudnexusChapterRule}), then the
 * long chapters split ({@link ChapterSplitter}) unless Audible's times were taken. The loudness is the envelope
 * measured while the book was encoded when there is one, else the m4b's search windows read by
 * {@link LoudnessReader}. A window that cannot be read leaves the long chapters whole: chapters are never worth
 * failing a converted book for.
 */
public final class ChapterRevision {

    /**
     * @param chapters the chapters to write
     * @param reason   what was done and why, for intake.json
     * @param changed  whether they differ from the book's own (the m4b needs rewriting)
     */
    public record Result(List<Chapter> chapters, String reason, boolean changed) {
        public Result {
            chapters = List.copyOf(chapters);
        }
    }

    private final AudnexusChapterRule rule;
    private final ChapterSplitter splitter;
    private final LoudnessReader reader;

    public ChapterRevision(AudnexusChapterRule rule, ChapterSplitter splitter, LoudnessReader reader) {
        this.rule = rule;
        this.splitter = splitter;
        this.reader = reader;
    }

    /**
     * @param own        the book's chapters as placed
     * @param m4b        the book's audio, read only when long chapters must be split and nothing was measured
     * @param bookMillis the book's decoded duration
     * @param measured   the loudness measured while the book was encoded ({@code BookAttempt.loudness()})
     * @param audnexus   Audnexus's chapters for the book's ASIN
     */
    public Result revise(List<Chapter> own, Path m4b, long bookMillis, Optional<LoudnessEnvelope> measured,
                         Optional<AudnexusChapters> audnexus) {
        AudnexusChapterRule.Decision decision = rule.apply(own, bookMillis, audnexus);
        List<Chapter> chapters = decision.chapters();
        String reason = decision.reason();
        if (decision.timesAdopted() || !splitter.needsSplitting(chapters)) {
            return new Result(chapters, reason, !chapters.equals(own));
        }
        try (OpenedLazily file = new OpenedLazily(m4b)) {
            ChapterSplitter.Loudness loudness = (from, to) -> measured.filter(envelope -> envelope.measures(from, to))
                .orElseGet(() -> file.read(from, to));
            List<Chapter> split = splitter.split(chapters, loudness);
            reason += "; " + (split.size() - chapters.size()) + " chapter(s) added splitting long ones at pauses ("
                + (measured.isPresent() ? "loudness measured while encoding" : "loudness read from the m4b") + ")";
            return new Result(split, reason, !split.equals(own));
        } catch (UncheckedIOException e) {
            reason += "; long chapters left whole: " + e.getCause().getMessage();
            return new Result(chapters, reason, !chapters.equals(own));
        }
    }

    /** The m4b, opened at its first unmeasured window and kept open for the next (opening parses all its tables). */
    private final class OpenedLazily implements AutoCloseable {
        private final Path m4b;
        private LoudnessReader.Session session;

        OpenedLazily(Path m4b) {
            this.m4b = m4b;
        }

        LoudnessEnvelope read(long from, long to) {
            try {
                if (session == null) {
                    session = reader.open(m4b);
                }
                return session.read(from, to);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            if (session != null) {
                session.close();
            }
        }
    }
}
