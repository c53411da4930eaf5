package org.automb.metadata;

import java.util.List;
import java.util.Map;

/**
 * One product of the Audible catalog as this service uses it (parsed from {@code /1.0/catalog/products}). Strings are
 * empty when the catalog gives none; {@code summaryHtml} is the catalog's {@code publisher_summary}, still HTML.
 *
 * @param releaseDate  {@code YYYY-MM-DD} as the catalog gives it, or empty
 * @param language     as the catalog gives it, lower case ({@code english})
 * @param genres       the category ladders' names, first ladder first, without repeats
 * @param imageUrls    {@code product_images}: size in pixels to URL
 */
public record AudibleProduct(
        Region region, String asin, String title, String subtitle, List<String> authors, List<String> narrators,
        String publisher, String summaryHtml, String releaseDate, String language, int runtimeMinutes,
        String copyright, String isbn, boolean adult, List<Series> series, List<String> genres,
        Map<Integer, String> imageUrls) {

    public AudibleProduct {
        authors = List.copyOf(authors);
        narrators = List.copyOf(narrators);
        series = List.copyOf(series);
        genres = List.copyOf(genres);
        imageUrls = Map.copyOf(imageUrls);
    }

    /** A series the product belongs to; {@code sequence} is the catalog's text ({@code 1}, {@code 1.5}, {@code 1-3}). */
    public record Series(String asin, String title, String sequence) { }
}
