package org.automb.tagging;

import java.util.Arrays;
import java.util.Objects;
import org.automb.metadata.AudibleProduct;
import org.automb.plan.BookTags;

/**
 * What an {@code OUTPUT_NAMING} template can name a book by. Every value is a string, empty when not known (an empty
 * value makes its part of the path disappear, see {@link OutputNaming}); values are raw, made safe for a path only
 * when the path is rendered.
 *
 * @param key        the book's inbox key ({@code Series/01 - Title})
 * @param seriesPart the book's place in its series as the source gives it ({@code 1}, {@code 1.5}, {@code 1-3})
 * @param region     the Audible marketplace the fields were matched in ({@code us}, {@code uk}...), or empty
 */
public record NamingFields(String key, String author, String title, String subtitle, String series,
                           String seriesPart, String year, String narrator, String asin, String region) {

    public NamingFields {
        key = clean(key);
        author = clean(author);
        title = clean(title);
        subtitle = clean(subtitle);
        series = clean(series);
        seriesPart = clean(seriesPart);
        year = clean(year);
        narrator = clean(narrator);
        asin = clean(asin);
        region = clean(region);
    }

    /**
     * The fields the book's own tags give (what the planner read from its sources): no subtitle, series, ASIN or
     * region, which only a catalog match knows. The title falls back on the album, then the key's last folder.
     */
    public static NamingFields fromTags(String key, BookTags tags) {
        String title = firstNonBlank(tags.title(), tags.album(), lastFolder(key));
        String author = firstNonBlank(tags.author(), tags.albumArtist());
        return new NamingFields(key, author, title, "", "", "", tags.year(), tags.narrator(), "", "");
    }

    /** The fields of a book known only by its key (no plan yet): its title is the key's last folder. */
    public static NamingFields fromKey(String key) {
        return new NamingFields(key, "", lastFolder(key), "", "", "", "", "", "", "");
    }

    /**
     * The fields of the Audible product the book was matched to: authors and narrators joined with {@code ", "}, the
     * first series and its sequence, the year of the release date.
     */
    public static NamingFields fromProduct(String key, AudibleProduct product) {
        AudibleProduct.Series series = product.series().isEmpty() ? null : product.series().get(0);
        String date = Objects.requireNonNullElse(product.releaseDate(), "");
        return new NamingFields(key, String.join(", ", product.authors()),
            firstNonBlank(product.title(), lastFolder(key)), product.subtitle(),
            series == null ? "" : series.title(), series == null ? "" : series.sequence(),
            date.length() >= 4 ? date.substring(0, 4) : "", String.join(", ", product.narrators()), product.asin(),
            product.region() == null ? "" : product.region().code());
    }

    /** The value of one template field. */
    public String value(OutputNaming.Field field) {
        return switch (field) {
            case AUTHOR -> author;
            case TITLE -> title;
            case SUBTITLE -> subtitle;
            case SERIES -> series;
            case SERIES_PART -> seriesPart;
            case YEAR -> year;
            case NARRATOR -> narrator;
            case ASIN -> asin;
            case KEY -> key;
            case REGION -> region;
        };
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    private static String firstNonBlank(String... values) {
        return Arrays.stream(values).filter(v -> v != null && !v.isBlank()).findFirst().orElse("");
    }

    private static String lastFolder(String key) {
        String k = key == null ? "" : key;
        return k.substring(k.lastIndexOf('/') + 1);
    }
}
