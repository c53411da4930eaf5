package org.automb.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.automb.metadata.AudibleProduct;
import org.automb.metadata.Region;
import org.automb.plan.BookTags;
import org.junit.jupiter.api.Test;

class AudibleTagsTest {

    private final AudibleTags audible = new AudibleTags(new HtmlText());

    private static AudibleProduct product(List<AudibleProduct.Series> series, boolean adult) {
        return new AudibleProduct(Region.UK, "B0ABCDEFGH", "Title", "", List.of("Author One", "Author Two"),
            List.of("Narrator"), "Pub", "<p>Hello &amp; bye</p>", "2019-11-05", "english", 600, "", "", adult,
            series, List.of("Fiction", "Thriller"), Map.of());
    }

    @Test
    void writesEachFieldWhereItsReadersLookAndAuthorsNeverWithNarrators() {
        TagSet tags = audible.tags(product(List.of(new AudibleProduct.Series("S1", "Saga", "2")), false), Optional.empty());

        assertThat(tags.text(Mp4Atoms.TITLE)).isEqualTo("Title");
        assertThat(tags.text(Mp4Atoms.ALBUM)).isEqualTo("Title");
        assertThat(tags.text(Mp4Atoms.ARTIST)).isEqualTo("Author One, Author Two");
        assertThat(tags.text(Mp4Atoms.ALBUM_ARTIST)).isEqualTo("Author One, Author Two");
        assertThat(tags.text(Mp4Atoms.COMPOSER)).isEqualTo("Narrator");
        assertThat(tags.text(Mp4Atoms.SERIES)).isEqualTo("Saga");
        assertThat(tags.text(Mp4Atoms.SERIES_PART)).isEqualTo("2");
        assertThat(tags.get(Mp4Atoms.MOVEMENT_INDEX)).contains(new TagValue.Number(2));
        assertThat(tags.text(Mp4Atoms.GROUPING)).isEqualTo("Saga #2");
        assertThat(tags.text(Mp4Atoms.YEAR)).isEqualTo("2019");
        assertThat(tags.text(Mp4Atoms.RELEASE_TIME)).isEqualTo("2019-11-05");
        assertThat(tags.text(Mp4Atoms.DESCRIPTION)).isEqualTo("Hello & bye");
        assertThat(tags.text(Mp4Atoms.GENRE)).isEqualTo("Fiction/Thriller");
        assertThat(tags.text(Mp4Atoms.LANGUAGE)).isEqualTo("English");
        assertThat(tags.text(Mp4Atoms.PRODUCT_PAGE)).isEqualTo("https://www.audible.co.uk/pd/B0ABCDEFGH");
        assertThat(tags.get(Mp4Atoms.MEDIA_KIND)).contains(new TagValue.Code(2));
        assertThat(tags.get(Mp4Atoms.GAPLESS)).contains(new TagValue.Flag(true));
        // nothing known, nothing written
        assertThat(tags.fields()).doesNotContainKeys(Mp4Atoms.SUBTITLE, Mp4Atoms.COPYRIGHT, Mp4Atoms.ISBN,
            Mp4Atoms.RATING, Mp4Atoms.COVER);
    }

    @Test
    void aFractionalOrRangedPartHasNoMovementIndexAndNoSeriesNoSeriesAtoms() {
        TagSet half = audible.tags(product(List.of(new AudibleProduct.Series("S", "Saga", "1.5")), true), Optional.empty());
        TagSet range = audible.tags(product(List.of(new AudibleProduct.Series("S", "Saga", "1-3")), false), Optional.empty());
        TagSet none = audible.tags(product(List.of(), false), Optional.empty());

        assertThat(half.text(Mp4Atoms.GROUPING)).isEqualTo("Saga #1.5");
        assertThat(half.fields()).doesNotContainKey(Mp4Atoms.MOVEMENT_INDEX).containsKey(Mp4Atoms.MOVEMENT_NAME);
        assertThat(half.get(Mp4Atoms.RATING)).contains(new TagValue.Code(1));
        assertThat(range.text(Mp4Atoms.SERIES_PART)).isEqualTo("1-3");
        assertThat(range.fields()).doesNotContainKey(Mp4Atoms.MOVEMENT_INDEX);
        assertThat(none.fields()).doesNotContainKeys(Mp4Atoms.SERIES, Mp4Atoms.SERIES_PART, Mp4Atoms.MOVEMENT_NAME,
            Mp4Atoms.GROUPING);
    }

    @Test
    void aBooksOwnTagsBecomeATagSet() {
        TagSet own = new SourceTags().tags(new BookTags("T", "A", "Author", "", "Reader", "2001", "", "Genre"),
            Optional.empty());

        assertThat(own.fields().keySet()).containsExactly(Mp4Atoms.TITLE, Mp4Atoms.ALBUM, Mp4Atoms.ARTIST,
            Mp4Atoms.COMPOSER, Mp4Atoms.YEAR, Mp4Atoms.GENRE, Mp4Atoms.MEDIA_KIND);
    }
}
