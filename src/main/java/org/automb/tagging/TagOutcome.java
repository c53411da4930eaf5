package org.automb.tagging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.automb.attempt.TaggingRecord;
import org.automb.metadata.AsinHint;
import org.automb.metadata.AudibleProduct;
import org.automb.metadata.MetadataMatch;
import org.automb.metadata.ScoredCandidate;
import org.automb.plan.Chapter;

/**
 * What the tag stage did to one m4b: the book's state, the match (ASIN, region, score, how it was found, the
 * candidates a person can pick from), each field written with its old and new value, and the chapters.
 *
 * @param rewritten whether the file was changed (false for a dry run, or when nothing differed)
 * @param chapters  the book's chapters as they are now (or would be, for a dry run)
 * @param chapterNotes what happened to the chapters: Audnexus's adopted, long ones split
 * @param error     why the tag stage failed (state {@link TagState#TAG_FAILED}), else empty
 */
public record TagOutcome(TagState tagState, Optional<MetadataMatch> match, Optional<AsinHint> hint,
                         List<TagChange> changes, List<Chapter> chapters, boolean chaptersChanged,
                         List<String> chapterNotes, boolean rewritten, String error) implements TaggingRecord {

    public TagOutcome {
        changes = List.copyOf(changes);
        chapters = List.copyOf(chapters);
        chapterNotes = List.copyOf(chapterNotes);
    }

    /** A tag stage that failed: the file is as it was. */
    public static TagOutcome failed(String reason) {
        return new TagOutcome(TagState.TAG_FAILED, Optional.empty(), Optional.empty(), List.of(), List.of(), false,
            List.of(), false, reason);
    }

    /** The product the book was tagged from, when it was matched. */
    public Optional<AudibleProduct> product() {
        return match.filter(MetadataMatch::matched).flatMap(MetadataMatch::product);
    }

    @Override
    public String state() {
        return tagState.code();
    }

    @Override
    public Map<String, Object> manifestEntry() {
        Map<String, Object> entry = new LinkedHashMap<>();
        match.ifPresent(m -> {
            entry.put("match", m.status().code());
            m.asin().ifPresent(asin -> entry.put("asin", asin));
            entry.put("region", m.region().code());
            entry.put("score", Math.round(m.score() * 1000) / 1000.0);
            if (!m.foundBy().isEmpty()) {
                entry.put("foundBy", m.foundBy());
            }
            if (!m.candidates().isEmpty()) {
                entry.put("candidates", candidates(m.candidates()));
            }
            if (!m.notes().isEmpty()) {
                entry.put("notes", m.notes());
            }
        });
        hint.ifPresent(h -> entry.put("asinHint", Map.of("asin", h.asin(), "source", h.source().code(), "in", h.where())));
        if (!changes.isEmpty()) {
            List<Map<String, String>> fields = new ArrayList<>();
            for (TagChange change : changes) {
                Map<String, String> field = new LinkedHashMap<>();
                field.put("field", change.field());
                field.put("old", change.oldValue());
                field.put("new", change.newValue());
                fields.add(field);
            }
            entry.put("changes", fields);
        }
        if (!chapterNotes.isEmpty()) {
            entry.put("chapters", chapterNotes);
        }
        if (!error.isEmpty()) {
            entry.put("error", error);
        }
        return entry;
    }

    private static List<Map<String, Object>> candidates(List<ScoredCandidate> candidates) {
        List<Map<String, Object>> listed = new ArrayList<>();
        for (ScoredCandidate candidate : candidates) {
            AudibleProduct product = candidate.product();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("asin", product.asin());
            entry.put("title", product.title());
            entry.put("authors", product.authors());
            entry.put("narrators", product.narrators());
            entry.put("runtimeMinutes", product.runtimeMinutes());
            entry.put("score", Math.round(candidate.score() * 1000) / 1000.0);
            listed.add(entry);
        }
        return listed;
    }

    /** One line for the log. */
    public String summary() {
        String matched = product().map(p -> " as " + p.asin() + " '" + p.title() + "'").orElse("");
        return String.format(Locale.ROOT, "%s%s, %d field(s) changed%s", tagState.code(), matched, changes.size(),
            chaptersChanged ? ", " + chapters.size() + " chapters" : "");
    }
}
