package org.automb.metadata;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@link MetadataLookup} found for a book, for the tagger and for {@code intake.json}.
 *
 * @param asin       the matched ASIN; empty unless {@link Status#MATCHED}
 * @param region     the marketplace asked
 * @param score      1 for an ASIN given or found in a hint, the best candidate's score after a search, 0 when there
 *                   was nothing to score
 * @param foundBy    how: an {@link AsinHint.Source#code()} ({@code user}, {@code folder_name}...), {@code search},
 *                   or empty when nothing matched
 * @param product    the matched product; empty unless {@link Status#MATCHED}
 * @param candidates the search results scored, best first; empty when an ASIN was matched without searching
 * @param chapters   Audnexus's chapters of the match, when asked for and it has them
 * @param notes      what the user should know: a hint that named an ASIN the catalog does not have, chapters that
 *                   could not be fetched
 */
public record MetadataMatch(Status status, Optional<String> asin, Region region, double score, String foundBy,
                            Optional<AudibleProduct> product, List<ScoredCandidate> candidates,
                            Optional<AudnexusChapters> chapters, List<String> notes) {

    /** {@link #foundBy} of a match from the search. */
    public static final String SEARCH = "search";

    /** The outcome. */
    public enum Status {
        /** A product was chosen: from an ASIN, or the best search result above the threshold. */
        MATCHED,
        /** Search results, none good enough: the book keeps its own tags and a person picks. */
        NEEDS_REVIEW,
        /** Nothing to choose from: no ASIN, and the search found nothing (or there was nothing to search for). */
        NO_MATCH;

        /** The lower-case name written to {@code intake.json}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MetadataMatch {
        candidates = List.copyOf(candidates);
        notes = List.copyOf(notes);
    }

    /** True when a product was chosen. */
    public boolean matched() {
        return status == Status.MATCHED;
    }
}
