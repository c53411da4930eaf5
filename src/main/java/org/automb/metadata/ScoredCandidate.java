package org.automb.metadata;

/**
 * A search result scored against the book, with the parts of its score so {@code intake.json} can show why.
 *
 * @param score 0 (nothing alike) to 1 (same title, author and length)
 */
public record ScoredCandidate(AudibleProduct product, double score, Parts parts) {

    /**
     * Each similarity, 0 to 1; null for a part that could not be compared (the book's author, duration or narrator is
     * unknown, or the candidate gives none) and so did not count.
     */
    public record Parts(double title, Double author, Double runtime, Double narrator) { }
}
