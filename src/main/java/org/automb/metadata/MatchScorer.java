package org.automb.metadata;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Scores catalog search results against a book, 0 to 1: a weighted mean of title similarity, author similarity, how
 * close the candidate's runtime is to the book's duration, and narrator similarity when both sides name one. Parts
 * that cannot be compared are left out of the mean. Runtime weighs heavily because a wrong edition (abridged, a
 * dramatisation, another translation) usually has the right title and author but not the right length.
 */
public final class MatchScorer {

    // with these weights a candidate with the right title and author but a far-off runtime scores 0.65: below the
    // default threshold of 0.7, so another edition is never taken without review
    static final double TITLE_WEIGHT = 0.40;
    static final double AUTHOR_WEIGHT = 0.25;
    static final double RUNTIME_WEIGHT = 0.35;
    static final double NARRATOR_WEIGHT = 0.10;
    /** Runtimes this close count as the same: Audible rounds to minutes, and rips gain or lose a little silence. */
    private static final double RUNTIME_SAME_FRACTION = 0.03;
    private static final double RUNTIME_SAME_MINUTES = 2;
    /** Beyond the tolerance the runtime score falls to 0 over this much more difference. */
    private static final double RUNTIME_FALLOFF_FRACTION = 0.20;

    private static final Pattern BRACKETED = Pattern.compile("\\([^)]*\\)|\\[[^]]*]|\\{[^}]*}");
    private static final Pattern NOISE_WORDS = Pattern.compile(
        "\\b(?:unabridged|a novel)\\b|\\b(?:book|vol(?:ume)?|band|tome|libro|part)\\s*\\d+(?:\\.\\d+)?\\b|#\\s*\\d+(?:\\.\\d+)?",
        Pattern.CASE_INSENSITIVE);
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern PEOPLE_SEPARATORS = Pattern.compile("\\s*(?:[,;&/]|\\band\\b|\\bund\\b|\\bet\\b)\\s*");

    private final JaroWinklerSimilarity similarity = new JaroWinklerSimilarity();

    /**
     * Scores every candidate against the book, best first (ties keep the catalog's relevance order).
     *
     * @param durationMs the book's duration, 0 when unknown
     */
    public List<ScoredCandidate> score(SearchTerms book, long durationMs, List<AudibleProduct> candidates) {
        List<ScoredCandidate> scored = new ArrayList<>();
        candidates.forEach(candidate -> scored.add(score(book, durationMs, candidate)));
        scored.sort(Comparator.comparingDouble(ScoredCandidate::score).reversed());
        return scored;
    }

    /** Scores one candidate. */
    public ScoredCandidate score(SearchTerms book, long durationMs, AudibleProduct candidate) {
        double title = titleSimilarity(book.title(), candidate.title(), candidate.subtitle());
        Double author = book.author().isEmpty() || candidate.authors().isEmpty() ? null
            : peopleSimilarity(book.author(), candidate.authors());
        Double runtime = durationMs <= 0 || candidate.runtimeMinutes() <= 0 ? null
            : runtimeSimilarity(durationMs, candidate.runtimeMinutes());
        Double narrator = book.narrator().isEmpty() || candidate.narrators().isEmpty() ? null
            : peopleSimilarity(book.narrator(), candidate.narrators());
        double sum = TITLE_WEIGHT * title;
        double weights = TITLE_WEIGHT;
        if (author != null) {
            sum += AUTHOR_WEIGHT * author;
            weights += AUTHOR_WEIGHT;
        }
        if (runtime != null) {
            sum += RUNTIME_WEIGHT * runtime;
            weights += RUNTIME_WEIGHT;
        }
        if (narrator != null) {
            sum += NARRATOR_WEIGHT * narrator;
            weights += NARRATOR_WEIGHT;
        }
        return new ScoredCandidate(candidate, round(sum / weights), new ScoredCandidate.Parts(round(title),
            round(author), round(runtime), round(narrator)));
    }

    /**
     * The best similarity of the book's title (whole, or either side of a subtitle separator, as in
     * {@code Series, Book 1 - Title}) to the candidate's title (alone, or with
     * its subtitle), all normalised ({@link #normaliseTitle}).
     */
    double titleSimilarity(String bookTitle, String title, String subtitle) {
        List<String> ours = Stream.concat(Stream.of(bookTitle), Stream.of(titleParts(bookTitle)))
            .map(MatchScorer::normaliseTitle).filter(s -> !s.isEmpty()).distinct().toList();
        List<String> theirs = Stream.of(title, title + " " + subtitle).map(MatchScorer::normaliseTitle)
            .filter(s -> !s.isEmpty()).distinct().toList();
        double best = 0;
        for (String a : ours) {
            for (String b : theirs) {
                best = Math.max(best, similarity.apply(a, b));
            }
        }
        return best;
    }

    /** The best similarity of any one of the book's people to any of the candidate's, word order ignored. */
    double peopleSimilarity(String bookPeople, List<String> candidatePeople) {
        double best = 0;
        // whole as well as split: "Weir, Andy" is one person, "Pratchett, Gaiman" two
        List<String> people = new ArrayList<>(List.of(PEOPLE_SEPARATORS.split(bookPeople)));
        people.add(bookPeople);
        for (String ours : people) {
            for (String theirs : candidatePeople) {
                String a = normaliseName(ours);
                String b = normaliseName(theirs);
                if (!a.isEmpty() && !b.isEmpty()) {
                    best = Math.max(best, Math.max(similarity.apply(a, b), similarity.apply(sortedWords(a), sortedWords(b))));
                }
            }
        }
        return best;
    }

    /** 1 within a few percent (or two minutes), then falling to 0 at about a quarter off. */
    static double runtimeSimilarity(long durationMs, int candidateMinutes) {
        double bookMinutes = durationMs / 60_000.0;
        double difference = Math.abs(bookMinutes - candidateMinutes);
        double tolerance = Math.max(RUNTIME_SAME_MINUTES, RUNTIME_SAME_FRACTION * bookMinutes);
        if (difference <= tolerance) {
            return 1;
        }
        double beyond = (difference - tolerance) / Math.max(bookMinutes, candidateMinutes);
        return Math.max(0, 1 - beyond / RUNTIME_FALLOFF_FRACTION);
    }

    /**
     * Lower case, accents and punctuation dropped, bracketed parts ("(Unabridged)", "(Discworld, Book 1)"),
     * "Unabridged", "a novel" and series markers ("Book 2", "#3") taken out.
     */
    static String normaliseTitle(String title) {
        // NFKC first, so full-width brackets (as Japanese titles use) are brackets
        String text = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKC);
        text = BRACKETED.matcher(text).replaceAll(" ");
        text = NOISE_WORDS.matcher(text).replaceAll(" ");
        return normaliseName(text);
    }

    /** Lower case, compatibility forms folded (full-width letters), accents and punctuation dropped. */
    static String normaliseName(String text) {
        String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
        return NOT_LETTER_OR_DIGIT.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** A title's parts either side of its first subtitle separator ({@code Title: Subtitle}, {@code A - B}). */
    private static String[] titleParts(String title) {
        return title.split("\\s*(?::|\\s[-\u2013\u2014]\\s)\\s*", 2);
    }

    private static String sortedWords(String text) {
        String[] words = text.split(" ");
        Arrays.sort(words);
        return String.join(" ", words);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static Double round(Double value) {
        return value == null ? null : round(value.doubleValue());
    }
}
