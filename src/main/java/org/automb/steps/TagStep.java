package org.automb.steps;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.automb.attempt.BookAttempt;
import org.automb.attempt.RouteKeys;
import org.automb.config.TaggingSettings;
import org.automb.deliver.ManifestWriter;
import org.automb.failure.TransientFailure;
import org.automb.io.Sha256;
import org.automb.metadata.AsinHint;
import org.automb.metadata.AsinHints;
import org.automb.plan.Chapter;
import org.automb.plan.ChaptersFile;
import org.automb.plan.CodecDecision;
import org.automb.plan.ConversionPlan;
import org.automb.plan.CoverPicker;
import org.automb.tagging.BookTagger;
import org.automb.tagging.TagJob;
import org.automb.tagging.TagOutcome;
import org.automb.tagging.TagWriteFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tag stage's steps (routes tag-book and tag-delivered-book): the book's m4b matched, re-chaptered and tagged by
 * the {@link BookTagger}, before delivery (TAG_MODE=sync) or after it, on the tag queue (TAG_MODE=async, and a
 * tagging before delivery that failed for a transient reason). A tagging failure never holds the book back: it is
 * delivered with its sources' tags and marked {@code tag_failed} in intake.json.
 */
public final class TagStep {

    private static final Logger LOG = LoggerFactory.getLogger(TagStep.class);

    private final TaggingSettings settings;
    private final BookTagger tagger;
    private final Optional<AsinHints> hints;
    private final ManifestWriter manifests;
    private final BookRunRecorder results;
    /** Books handed to the tag queue and not finished there: --once waits for them. */
    private final AtomicInteger queued = new AtomicInteger();
    /** Their keys (a book in review is not moved while the tag queue has yet to tag it). */
    private final java.util.Set<String> queuedKeys = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param hints   empty with AUDIBLE_ENABLED=N (no ASIN is looked for)
     * @param results keeps the tag queue's results in the job store (a tagging before delivery is kept with its run)
     */
    public TagStep(TaggingSettings settings, BookTagger tagger, Optional<AsinHints> hints, ManifestWriter manifests,
                   BookRunRecorder results) {
        this.settings = settings;
        this.tagger = tagger;
        this.hints = hints;
        this.manifests = manifests;
        this.results = results;
    }

    /** TAG_MODE=sync: tags the working output; async: marks the book for the tag queue. Never fails the book. */
    public void beforeDelivery(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt run, Message message) {
        if (settings.mode() == TaggingSettings.TagMode.ASYNC) {
            message.setHeader(RouteKeys.TAG_AFTER_DELIVERY, true);
            return;
        }
        TagJob job = jobFor(run, run.workingOutput(), Optional.empty());
        try {
            TagOutcome outcome = tagger.tag(job, false);
            run.tagging(outcome);
            if (outcome.rewritten()) {
                run.outputRewritten();
            }
            if (outcome.chaptersChanged()) {
                run.chapters(outcome.chapters());
            }
        } catch (TransientFailure e) {
            LOG.warn("book '{}': not tagged now ({}); delivered with its own tags and tagged again after delivery",
                run.book().key(), e.getMessage());
            run.tagging(TagOutcome.failed(e.getMessage() + " (tried again after delivery)"));
            message.setHeader(RouteKeys.TAG_AFTER_DELIVERY, true);
        } catch (TagWriteFailure | RuntimeException e) {
            LOG.warn("book '{}': not tagged ({}); delivered with its own tags", run.book().key(), e.getMessage());
            run.tagging(TagOutcome.failed(e.getMessage()));
        }
    }

    /** The delivered book's job for the tag queue (the body the route sends); counted until the queue is done. */
    public TagJob jobAfterDelivery(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt run) {
        queued.incrementAndGet();
        queuedKeys.add(run.book().key());
        Path delivered = run.finalOutput();
        return jobFor(run, delivered, Optional.of(delivered.resolveSibling("intake.json")));
    }

    /** A delivered book a user asked to tag (the tag action), for the tag queue; counted until the queue is done. */
    public TagJob queuedByUser(TagJob job) {
        queued.incrementAndGet();
        queuedKeys.add(job.bookKey());
        return job;
    }

    /**
     * On the tag queue: tags the delivered m4b in place and records it in its intake.json (and, for the book's
     * events, in property {@link RouteKeys#TAG_OUTCOME}).
     */
    public void afterDelivery(@Body TagJob job, Exchange exchange) throws IOException {
        TagOutcome outcome = tagger.tag(job, false);
        record(job, outcome);
        exchange.setProperty(RouteKeys.TAG_OUTCOME, outcome);
        queued.decrementAndGet();
        queuedKeys.remove(job.bookKey());
    }

    /** The tag queue gave up on a book (its retries spent, or a failure not worth retrying): recorded, kept as it is. */
    public void failed(@Body TagJob job, Exchange exchange) {
        try {
            Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            String reason = cause == null ? "unknown" : cause.getMessage();
            LOG.warn("book '{}': not tagged ({}); it stays delivered with its own tags, marked tag_failed",
                job.bookKey(), reason);
            record(job, TagOutcome.failed(reason));
        } catch (IOException e) {
            LOG.error("book '{}': its tagging failure could not be recorded in intake.json: {}", job.bookKey(),
                e.getMessage());
        } finally {
            queued.decrementAndGet();
            queuedKeys.remove(job.bookKey());
        }
    }

    /** True while the book is on the tag queue or being tagged there. */
    public boolean isQueued(String key) {
        return queuedKeys.contains(key);
    }

    /** Books on the tag queue or being tagged there. */
    public int queued() {
        return queued.get();
    }

    private void record(TagJob job, TagOutcome outcome) throws IOException {
        results.tagResult(job.bookKey(), outcome.state());
        if (job.manifest().isEmpty()) {
            return;
        }
        ManifestWriter.OutputChange change = outcome.rewritten()
            ? new ManifestWriter.OutputChange(job.m4b(), Sha256.of(job.m4b()), outcome.chapters()) : null;
        manifests.recordTagging(job.manifest().get(), outcome, change);
    }

    /** What the tag stage needs of the book, read while its files are still in the inbox. */
    TagJob jobFor(BookAttempt run, Path m4b, Optional<Path> manifest) {
        ConversionPlan plan = run.plan();
        Map<String, String> sourceTags = plan.sources().isEmpty() ? Map.of() : plan.sources().get(0).tags();
        // a loose file's "folder" is the inbox itself, whose other books must not lend it their ASINs: its own name
        Path bookFolder = run.book().looseFile() ? run.book().root().resolveSibling(run.book().name())
            : run.book().root();
        Optional<AsinHint> hint = hints.flatMap(h -> h.find(bookFolder, sourceTags));
        boolean passthrough = plan.decision().mode() == CodecDecision.Mode.PASSTHROUGH;
        // a passthrough book gets what the planner gives every other book: chapters.txt, the folder's cover, the tag rules
        Optional<List<Chapter>> chapters = passthrough
            ? plan.chapterMarks().map(marks -> chapters(marks, run.audioMillis())) : Optional.empty();
        // (an encoded book has them already: the encoder wrote the plan's tags and cover)
        Optional<Path> cover = plan.cover().filter(c -> passthrough && !c.embedded()).map(CoverPicker.CoverChoice::file);
        return new TagJob(run.book().key(), m4b, manifest, bookFolder, sourceTags, hint, chapters,
            run.loudness(), Optional.of(plan.tags()).filter(t -> passthrough), cover, Optional.empty(),
            Optional.empty(), false);
    }

    private static List<Chapter> chapters(List<ChaptersFile.ChapterMark> marks, long endMillis) {
        List<Chapter> chapters = new ArrayList<>();
        for (int i = 0; i < marks.size(); i++) {
            long end = i + 1 < marks.size() ? marks.get(i + 1).startMillis() : endMillis;
            chapters.add(new Chapter(marks.get(i).startMillis(), end, marks.get(i).title()));
        }
        return chapters;
    }
}
