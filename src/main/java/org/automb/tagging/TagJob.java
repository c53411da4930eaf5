package org.automb.tagging;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.automb.media.LoudnessEnvelope;
import org.automb.metadata.AsinHint;
import org.automb.metadata.Region;
import org.automb.plan.BookTags;
import org.automb.plan.Chapter;

/**
 * One m4b for the tag stage, with everything it needs from the book it was made of, gathered while that book was
 * still in the inbox (the tag stage may run after the originals were archived).
 *
 * @param bookKey     the book's inbox key, for messages and intake.json
 * @param m4b         the file to tag: the working output (before delivery) or the delivered one
 * @param manifest    the book's intake.json, when it is delivered already
 * @param bookFolder  the book's folder in the inbox, whose name gives the search terms
 * @param sourceTags  the sources' tags (the first file's), keys in any case
 * @param hint        an ASIN the folder or the sources named, read while they were there
 * @param chapters    chapters to give the book instead of its own (a passthrough book's chapters.txt)
 * @param loudness    the loudness measured while the book was encoded, where its chapters are split
 * @param ownTags     the tags the planner's rules made of the sources: what a book without a match keeps
 * @param ownCover    the cover the planner chose among the book's images and sources
 * @param asin        an ASIN the user gave ({@code --asin})
 * @param region      a marketplace the user chose ({@code --region})
 * @param refresh     ask Audible again even what the cache holds ({@code --refresh-metadata})
 */
public record TagJob(String bookKey, Path m4b, Optional<Path> manifest, Path bookFolder, Map<String, String> sourceTags,
                     Optional<AsinHint> hint, Optional<List<Chapter>> chapters, Optional<LoudnessEnvelope> loudness,
                     Optional<BookTags> ownTags, Optional<Path> ownCover, Optional<String> asin,
                     Optional<Region> region, boolean refresh) {

    public TagJob {
        sourceTags = Map.copyOf(sourceTags);
        chapters = chapters.map(List::copyOf);
    }

    /** An m4b outside the pipeline ({@code --tag}): its own folder for the search terms, its own tags kept. */
    public static TagJob ofFile(Path m4b, Optional<String> asin, Optional<Region> region, boolean refresh) {
        Path folder = m4b.toAbsolutePath().getParent();
        return new TagJob(m4b.getFileName().toString(), m4b, Optional.empty(), folder, Map.of(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), asin, region, refresh);
    }

    /** The same job on another file (the delivered output, once the working one has moved). */
    public TagJob at(Path file, Optional<Path> intakeJson) {
        return new TagJob(bookKey, file, intakeJson, bookFolder, sourceTags, hint, chapters, loudness, ownTags,
            ownCover, asin, region, refresh);
    }
}
