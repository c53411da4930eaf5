package org.automb.tagging;

import static org.automb.tagging.Mp4Atoms.*;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.automb.metadata.AudibleProduct;

/**
 * The tags of an Audible product, as Audiobookshelf, Plex/Prologue, Apple Books and beets read them (after Mp3tag's
 * Audible template): authors only in the artist atoms, narrators as composer, the series both as freeform atoms and
 * as {@code ©mvn}/{@code ©mvi} (integer parts only) and {@code ©grp} {@code Series #N}, the summary as plain text.
 * See docs/tagging.md for the atoms and who reads each.
 */
public final class AudibleTags {

    private final HtmlText html;

    public AudibleTags(HtmlText html) {
        this.html = html;
    }

    /** Every tag the product gives, with {@code cover} (the image's bytes) when there is one. */
    public TagSet tags(AudibleProduct product, Optional<byte[]> cover) {
        TagSet.Builder tags = TagSet.builder();
        tags.text(List.of(TITLE, ALBUM), product.title());
        tags.text(List.of(SUBTITLE, SUBTITLE_FREEFORM), product.subtitle());
        tags.text(List.of(ARTIST, ALBUM_ARTIST), names(product.authors()));
        tags.text(COMPOSER, names(product.narrators()));
        product.series().stream().findFirst().ifPresent(series -> series(tags, series));
        String date = product.releaseDate().strip();
        if (date.length() >= 4) {
            tags.text(YEAR, date.substring(0, 4));
        }
        tags.text(RELEASE_TIME, date);
        tags.text(PUBLISHER, product.publisher());
        tags.text(List.of(DESCRIPTION, LONG_DESCRIPTION, COMMENT), html.toPlainText(product.summaryHtml()));
        tags.text(GENRE, String.join("/", product.genres()));
        tags.text(LANGUAGE, capitalised(product.language()));
        tags.text(ISBN, product.isbn());
        tags.text(List.of(ASIN, AUDIBLE_ASIN), product.asin());
        tags.text(COPYRIGHT, product.copyright());
        if (product.adult()) {
            tags.code(RATING, RATING_EXPLICIT);
        }
        if (product.region() != null && !product.asin().isBlank()) {
            tags.text(PRODUCT_PAGE, product.region().productPage(product.asin().strip()));
        }
        tags.code(MEDIA_KIND, MEDIA_KIND_AUDIOBOOK);
        tags.flag(GAPLESS, true);
        cover.ifPresent(tags::cover);
        return tags.build();
    }

    /** SERIES and SERIES-PART as given; the movement atoms only for a whole part, which is all they can hold. */
    private static void series(TagSet.Builder tags, AudibleProduct.Series series) {
        String name = series.title() == null ? "" : series.title().strip();
        String part = series.sequence() == null ? "" : series.sequence().strip();
        if (name.isEmpty()) {
            return;
        }
        tags.text(SERIES, name);
        tags.text(SERIES_PART, part);
        tags.text(MOVEMENT_NAME, name);
        wholeNumber(part).ifPresent(n -> tags.number(MOVEMENT_INDEX, n));
        tags.text(GROUPING, part.isEmpty() ? name : name + " #" + part);
    }

    /** The part as {@code ©mvi} holds it: a whole number in 16 bits. */
    private static Optional<Integer> wholeNumber(String part) {
        if (!part.matches("\\d{1,5}") || Integer.parseInt(part) > Short.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(part));
    }

    private static String names(List<String> people) {
        return String.join(", ", people.stream().map(String::strip).filter(n -> !n.isEmpty()).distinct().toList());
    }

    /** The catalog's {@code english} as {@code English}. */
    private static String capitalised(String language) {
        String text = language == null ? "" : language.strip();
        return text.isEmpty() ? "" : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
