package org.automb.tagging;

import static org.automb.tagging.Mp4Atoms.*;

import java.util.Optional;
import org.automb.plan.BookTags;

/**
 * The tags a book brings itself (its sources' tags, as the planner read them), as a {@link TagSet}: what a book
 * without a catalog match keeps, and what a passthrough book is given when it is re-tagged.
 */
public final class SourceTags {

    /** The book's own tags, marked as an audiobook, with {@code cover} when there is one. */
    public TagSet tags(BookTags book, Optional<byte[]> cover) {
        TagSet.Builder tags = TagSet.builder()
            .text(TITLE, book.title())
            .text(ALBUM, book.album())
            .text(ARTIST, book.author())
            .text(ALBUM_ARTIST, book.albumArtist())
            .text(COMPOSER, book.narrator())
            .text(YEAR, book.year())
            .text(COMMENT, book.comment())
            .text(GENRE, book.genre())
            .code(MEDIA_KIND, MEDIA_KIND_AUDIOBOOK);
        cover.ifPresent(tags::cover);
        return tags.build();
    }
}
