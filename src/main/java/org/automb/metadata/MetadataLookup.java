package org.automb.metadata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a book's Audible product: the ASIN the user gave, else one a hint names ({@link AsinHints}), else the best
 * catalog search result if it scores at least the threshold ({@link MatchScorer}). Then, when asked, Audnexus's
 * chapters for it. Every response goes through the {@link MetadataCache}, so a retry or a re-tag asks nobody again.
 *
 * <p>An ASIN the catalog does not know falls back to the search, with a note. Audnexus being unavailable costs the
 * chapters only (a note says so); the catalog being unavailable is a {@link MetadataUnavailableException} for the
 * caller to retry later.
 */
public final class MetadataLookup {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataLookup.class);

    /** {@code MATCH_THRESHOLD}'s default: a right match scores above 0.9, a wrong book below 0.6 (MatchScorerTest). */
    public static final double DEFAULT_THRESHOLD = 0.7;

    /**
     * @param defaultRegion     {@code AUDIBLE_REGION} (default {@link Region#US})
     * @param matchThreshold    {@code MATCH_THRESHOLD}: the least score a search result needs to be taken
     *                          ({@link #DEFAULT_THRESHOLD})
     * @param audnexusChapters  false when {@code AUDNEXUS_CHAPTERS=off}: Audnexus is then never asked
     */
    public record Options(Region defaultRegion, double matchThreshold, boolean audnexusChapters) {

        public Options {
            if (matchThreshold < 0 || matchThreshold > 1) {
                throw new IllegalArgumentException("MATCH_THRESHOLD must be between 0 and 1: " + matchThreshold);
            }
        }

        public static Options defaults() {
            return new Options(Region.US, DEFAULT_THRESHOLD, true);
        }
    }

    private final AsinHints hints;
    private final AudibleClient audible;
    private final AudnexusClient audnexus;
    private final MetadataCache cache;
    private final MatchScorer scorer;
    private final Options options;

    public MetadataLookup(AsinHints hints, AudibleClient audible, AudnexusClient audnexus, MetadataCache cache,
                          MatchScorer scorer, Options options) {
        this.hints = hints;
        this.audible = audible;
        this.audnexus = audnexus;
        this.cache = cache;
        this.scorer = scorer;
        this.options = options;
    }

    /**
     * Finds the book's product.
     *
     * @throws IllegalArgumentException when the user's ASIN is not an ASIN
     * @throws MetadataUnavailableException when the Audible catalog cannot answer now
     */
    public MetadataMatch lookup(LookupRequest request) {
        Region region = request.region().orElse(options.defaultRegion());
        List<String> notes = new ArrayList<>();
        Optional<AsinHint> hint = request.asin().map(MetadataLookup::userHint)
            .or(() -> hints.find(request.bookFolder(), request.tags()));
        if (hint.isPresent()) {
            Optional<AudibleProduct> product = product(hint.get().asin(), region, request.refresh());
            if (product.isPresent()) {
                LOG.debug("{}: ASIN {} ({}) from {}", request.bookFolder(), hint.get().asin(), region.code(),
                    hint.get().source().code());
                return matched(product.get(), region, 1.0, hint.get().source().code(), List.of(), notes,
                    request.refresh());
            }
            notes.add("ASIN " + hint.get().asin() + " (from " + hint.get().source().code() + " " + hint.get().where()
                + ") is not in the " + region.code() + " catalog; searched instead");
        }
        return search(request, region, notes);
    }

    private MetadataMatch search(LookupRequest request, Region region, List<String> notes) {
        Path name = request.bookFolder().getFileName();
        SearchTerms terms = SearchTerms.derive(name == null ? "" : name.toString(), request.tags());
        if (terms.title().isEmpty()) {
            notes.add("no title to search for");
            return unmatched(MetadataMatch.Status.NO_MATCH, region, List.of(), notes);
        }
        String body = cache.get(MetadataCache.Kind.AUDIBLE_SEARCH, terms.cacheKey(), region, request.refresh(),
            () -> Optional.of(audible.searchJson(terms.title(), terms.author(), region))).orElse("{}");
        List<ScoredCandidate> candidates = scorer.score(terms, request.durationMs(), audible.parseSearch(body, region));
        if (candidates.isEmpty()) {
            return unmatched(MetadataMatch.Status.NO_MATCH, region, candidates, notes);
        }
        ScoredCandidate best = candidates.get(0);
        if (best.score() < options.matchThreshold()) {
            notes.add(String.format(Locale.ROOT, "best search result %s scored %.3f, below the threshold %.2f",
                best.product().asin(), best.score(), options.matchThreshold()));
            return unmatched(MetadataMatch.Status.NEEDS_REVIEW, region, candidates, notes);
        }
        return matched(best.product(), region, best.score(), MetadataMatch.SEARCH, candidates, notes, request.refresh());
    }

    private Optional<AudibleProduct> product(String asin, Region region, boolean refresh) {
        return cache.get(MetadataCache.Kind.AUDIBLE_PRODUCT, asin, region, refresh,
                () -> audible.productJson(asin, region))
            .flatMap(body -> audible.parseProduct(body, region));
    }

    private MetadataMatch matched(AudibleProduct product, Region region, double score, String foundBy,
                                  List<ScoredCandidate> candidates, List<String> notes, boolean refresh) {
        Optional<AudnexusChapters> chapters = options.audnexusChapters()
            ? chapters(product.asin(), region, refresh, notes) : Optional.empty();
        return new MetadataMatch(MetadataMatch.Status.MATCHED, Optional.of(product.asin()), region, score, foundBy,
            Optional.of(product), candidates, chapters, notes);
    }

    private Optional<AudnexusChapters> chapters(String asin, Region region, boolean refresh, List<String> notes) {
        try {
            return cache.get(MetadataCache.Kind.AUDNEXUS_CHAPTERS, asin, region, refresh,
                    () -> audnexus.chaptersJson(asin, region))
                .map(audnexus::parseChapters);
        } catch (MetadataUnavailableException e) {
            // chapters are a bonus: the book is tagged with its own chapter titles rather than held back
            LOG.warn("Audnexus chapters of {} ({}) unavailable: {}", asin, region.code(), e.getMessage());
            notes.add("Audnexus chapters unavailable: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static MetadataMatch unmatched(MetadataMatch.Status status, Region region, List<ScoredCandidate> candidates,
                                           List<String> notes) {
        double score = candidates.isEmpty() ? 0 : candidates.get(0).score();
        return new MetadataMatch(status, Optional.empty(), region, score, "", Optional.empty(), candidates,
            Optional.empty(), notes);
    }

    private static AsinHint userHint(String asin) {
        String normalised = asin.trim().toUpperCase(Locale.ROOT);
        if (!AsinHints.isAsin(normalised)) {
            throw new IllegalArgumentException("'" + asin + "' is not an ASIN (B followed by nine letters or digits,"
                + " or an ISBN-10)");
        }
        return new AsinHint(normalised, AsinHint.Source.USER, "--asin");
    }
}
