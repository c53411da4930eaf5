package org.automb.tagging;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.automb.failure.TransientFailure;
import org.automb.media.mp4.NotJoinableException;
import org.automb.metadata.AudibleClient;
import org.automb.metadata.AudibleProduct;
import org.automb.metadata.LookupRequest;
import org.automb.metadata.MetadataLookup;
import org.automb.metadata.MetadataMatch;
import org.automb.metadata.MetadataUnavailableException;
import org.automb.plan.Chapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tag stage for one m4b: finds its Audible match ({@link MetadataLookup}), decides its chapters
 * ({@link ChapterRevision}: Audnexus's adopted, long ones split at their quietest pause) and its
 * tags ({@link AudibleTags} from the product, else {@link SourceTags} from the book's own), then rewrites the file:
 * the chapters into a copy ({@link ChapterRewriter}), checked to hold the same audio, the tags into it
 * ({@link Mp4TagWriter}: copy, verify, rename), the copy renamed over the file. Until that last rename the file is
 * as it was; a failure leaves it so.
 */
public final class BookTagger {

    private static final Logger LOG = LoggerFactory.getLogger(BookTagger.class);

    /** The tools the stage uses; the lookup is empty with AUDIBLE_ENABLED=N, the rewriter without the libraries. */
    public record Parts(Optional<MetadataLookup> lookup, Optional<AudibleClient> covers, AudibleTags audibleTags,
                        SourceTags sourceTags, Mp4TagWriter writer, MediaProbe probe, ChapterRevision chapters,
                        Optional<ChapterRewriter> rewriter) {
    }

    private final Parts parts;
    private final BookIntegrity integrity;

    public BookTagger(Parts parts) {
        this.parts = parts;
        this.integrity = new BookIntegrity(parts.probe());
    }

    /**
     * Tags {@code job}'s m4b.
     *
     * @param dryRun decide everything, write nothing: the outcome lists what would change
     * @throws TransientFailure when the catalog or the file cannot be read now (worth trying again later)
     * @throws TagWriteFailure  when the file cannot be rewritten; it is as it was
     */
    public TagOutcome tag(TagJob job, boolean dryRun) throws TagWriteFailure {
        Path m4b = job.m4b();
        JsonNode probed;
        try {
            probed = parts.probe().probe(m4b);
        } catch (IOException e) {
            throw new TransientFailure(job.bookKey(), m4b, "cannot read the m4b to tag it: " + e.getMessage(), e);
        }
        long durationMs = Math.round(probed.path("format").path("duration").asDouble(0) * 1000);
        List<Chapter> own = chaptersOf(probed);
        Optional<MetadataMatch> match = parts.lookup().map(lookup -> lookup(lookup, job, durationMs));
        Optional<AudibleProduct> product = match.filter(MetadataMatch::matched).flatMap(MetadataMatch::product);

        List<String> chapterNotes = new ArrayList<>();
        List<Chapter> placed = job.chapters().orElse(own);
        if (job.chapters().isPresent()) {
            chapterNotes.add("chapters.txt: " + placed.size() + " chapters");
        }
        // Audnexus's only for a matched book (its rule keeps the book's own without them), then long ones split
        ChapterRevision.Result revised = parts.chapters().revise(placed, m4b, durationMs, job.loudness(),
            product.isPresent() ? match.flatMap(MetadataMatch::chapters) : Optional.empty());
        List<Chapter> chapters = revised.chapters();
        chapterNotes.add(revised.reason());
        boolean chaptersChanged = !sameChapters(chapters, own);

        TagSet wanted = product.map(p -> parts.audibleTags().tags(p, cover(job, p)))
            .orElseGet(() -> job.ownTags().map(tags -> parts.sourceTags().tags(tags, ownCover(job)))
                .orElse(TagSet.empty()));
        // nothing to write (an encoded book without a match keeps what the encoder wrote): its tags need no reading
        List<TagChange> changes = wanted.isEmpty() ? List.of() : wanted.diff(currentTags(job));
        TagState state = match.map(m -> switch (m.status()) {
            case MATCHED -> TagState.TAGGED;
            case NEEDS_REVIEW, NO_MATCH -> TagState.NEEDS_REVIEW;
        }).orElse(TagState.CONVERTED);
        boolean rewrite = !dryRun && (chaptersChanged || !changes.isEmpty());
        if (rewrite) {
            rewrite(job, wanted, chapters, chaptersChanged);
        }
        TagOutcome outcome = new TagOutcome(state, match, job.hint(), changes, chapters, chaptersChanged, chapterNotes,
            rewrite, "");
        LOG.info("book '{}': {}{}", job.bookKey(), dryRun ? "(dry run) " : "", outcome.summary());
        return outcome;
    }

    private TagSet currentTags(TagJob job) {
        try {
            return parts.writer().read(job.m4b());
        } catch (IOException e) {
            throw new TransientFailure(job.bookKey(), job.m4b(), "cannot read the m4b's tags: " + e.getMessage(), e);
        }
    }

    private static MetadataMatch lookup(MetadataLookup lookup, TagJob job, long durationMs) {
        LookupRequest request = new LookupRequest(job.bookFolder(), job.sourceTags(), durationMs,
            job.asin().or(() -> job.hint().map(h -> h.asin())), job.region(), job.refresh());
        try {
            MetadataMatch match = lookup.lookup(request);
            if (job.asin().isEmpty() && job.hint().isPresent() && match.foundBy().equals("user")) {
                // the hint was read while the book was in the inbox: it, not a user, named the ASIN
                return new MetadataMatch(match.status(), match.asin(), match.region(), match.score(),
                    job.hint().get().source().code(), match.product(), match.candidates(), match.chapters(),
                    match.notes());
            }
            return match;
        } catch (MetadataUnavailableException e) {
            throw new TransientFailure(job.bookKey(), job.m4b(), "Audible cannot be asked now: " + e.getMessage(), e);
        }
    }

    private Optional<byte[]> cover(TagJob job, AudibleProduct product) {
        if (parts.covers().isEmpty()) {
            return Optional.empty();
        }
        try {
            return parts.covers().get().cover(product);
        } catch (RuntimeException e) {
            // the book keeps the cover it has: a missing picture is no reason to hold its tags back
            LOG.warn("book '{}': cover of {} not downloaded: {}", job.bookKey(), product.asin(), e.getMessage());
            return Optional.empty();
        }
    }

    /** A cover file the planner chose for the book (JPEG or PNG: what MP4's covr holds). */
    private static Optional<byte[]> ownCover(TagJob job) {
        return job.ownCover().filter(Files::isRegularFile).filter(file -> {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png");
        }).flatMap(file -> {
            try {
                return Optional.of(Files.readAllBytes(file));
            } catch (IOException e) {
                LOG.warn("book '{}': cover {} unreadable: {}", job.bookKey(), file, e.getMessage());
                return Optional.empty();
            }
        });
    }

    private void rewrite(TagJob job, TagSet wanted, List<Chapter> chapters, boolean chaptersChanged)
        throws TagWriteFailure {
        Path m4b = job.m4b();
        if (!chaptersChanged || parts.rewriter().isEmpty()) {
            parts.writer().write(m4b, wanted);
            return;
        }
        Path copy = m4b.resolveSibling(".auto-m4b-chapters-" + Long.toHexString(System.nanoTime()) + ".partial");
        try {
            parts.rewriter().get().rewrite(m4b, chapters, copy);
            checkSameAudio(m4b, copy, chapters);
            parts.writer().write(copy, wanted);
            Files.move(copy, m4b, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (NotJoinableException e) {
            LOG.warn("book '{}': chapters kept as they are ({}); tags written", job.bookKey(), e.getMessage());
            parts.writer().write(m4b, wanted);
        } catch (TagWriteFailure e) {
            throw e;
        } catch (IOException e) {
            throw new TagWriteFailure(m4b, "its chapters could not be rewritten: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                LOG.warn("cannot remove {}: {}", copy, e.getMessage());
            }
        }
    }

    /** The re-chaptered copy plays the same audio for as long, and has the chapters asked for. */
    private void checkSameAudio(Path original, Path copy, List<Chapter> chapters) throws IOException {
        BookIntegrity.Facts before = integrity.read(original);
        BookIntegrity.Facts after = integrity.read(copy);
        List<BookIntegrity.TrackFact> audioBefore = audio(before);
        List<BookIntegrity.TrackFact> audioAfter = audio(after);
        if (!audioBefore.equals(audioAfter) || Math.abs(before.durationMs() - after.durationMs()) > 1) {
            throw new IOException("the re-chaptered copy's audio differs (" + audioBefore + " / " + audioAfter + ")");
        }
        if (after.chapters().size() != chapters.size()) {
            throw new IOException("the re-chaptered copy has " + after.chapters().size() + " chapters, not "
                + chapters.size());
        }
    }

    private static List<BookIntegrity.TrackFact> audio(BookIntegrity.Facts facts) {
        return facts.tracks().stream().filter(t -> t.handler().equals("soun")).toList();
    }

    /** The chapters libavformat reads in the file (milliseconds, titles). */
    static List<Chapter> chaptersOf(JsonNode probed) {
        List<Chapter> chapters = new ArrayList<>();
        for (JsonNode chapter : probed.path("chapters")) {
            chapters.add(new Chapter(Math.round(chapter.path("start_time").asDouble() * 1000),
                Math.round(chapter.path("end_time").asDouble() * 1000), chapter.path("tags").path("title").asText("")));
        }
        return chapters;
    }

    /** Equal titles, and times within a millisecond (the file's are rounded from its time base). */
    static boolean sameChapters(List<Chapter> a, List<Chapter> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).title().equals(b.get(i).title())
                || Math.abs(a.get(i).startMillis() - b.get(i).startMillis()) > 1
                || Math.abs(a.get(i).endMillis() - b.get(i).endMillis()) > 1) {
                return false;
            }
        }
        return true;
    }
}
