package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The m4b's tags: title from album / shared title / folder name, author from artist / album artist /
 * "Author - Title" folder, narrator from composer or a "Read by X" comment, year from the date; always filed as
 * an audiobook (media_type=2).
 */
class BookTagsTest extends PipelineTestSupport {

    @Test
    void tagsComeFromTheSourcesElseFromTheFolderName() throws Exception {
        NotifyBuilder done = booksDone(4);
        drop("Fully Tagged", folder -> {
            Map<String, String> tags = tags("album", "The Grand Tour", "artist", "Ada Author", "album_artist", "Ada Author",
                "composer", "Ned Narrator", "date", "2021-03-04", "genre", "Travel", "comment", "A journey.");
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, withTitle(tags, "Leaving"));
            AUDIO.mp3(folder.resolve("02.mp3"), 1.0, withTitle(tags, "Arriving"));
        });
        drop("Bob Writer - Untagged Story", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags()));
        drop("Read By Comment", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0,
            tags("title", "Shared Title", "album_artist", "Carla Creator", "comment", "Unabridged. Read by Rita Reader.", "date", "1999")));
        drop("Narrated By Comment", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("title", "Both Parts", "artist", "Dan Doe", "comment", "Narrated by Nora Voice"));
            AUDIO.mp3(folder.resolve("02.mp3"), 1.0, tags("title", "Both Parts", "artist", "Dan Doe", "comment", "Narrated by Nora Voice"));
        });
        awaitBooks(done);

        assertThat(tagsOf("Fully Tagged"))
            .containsEntry("title", "The Grand Tour").containsEntry("album", "The Grand Tour")
            .containsEntry("artist", "Ada Author").containsEntry("album_artist", "Ada Author")
            .containsEntry("composer", "Ned Narrator").containsEntry("date", "2021").containsEntry("genre", "Travel")
            .containsEntry("comment", "A journey.").containsEntry("media_type", "2");
        assertThat(tagsOf("Bob Writer - Untagged Story"))
            .containsEntry("title", "Untagged Story").containsEntry("album", "Untagged Story")
            .containsEntry("artist", "Bob Writer").containsEntry("media_type", "2")
            .doesNotContainKeys("composer", "date");
        assertThat(tagsOf("Read By Comment"))
            .containsEntry("title", "Shared Title").containsEntry("artist", "Carla Creator")
            .containsEntry("album_artist", "Carla Creator").containsEntry("composer", "Rita Reader")
            .containsEntry("date", "1999");
        assertThat(tagsOf("Narrated By Comment"))
            .containsEntry("title", "Both Parts").containsEntry("artist", "Dan Doe").containsEntry("composer", "Nora Voice");
    }

    private Map<String, String> tagsOf(String book) {
        return INSPECT.inspect(converted().resolve(book + "/" + book + ".m4b")).tags();
    }

    private static Map<String, String> withTitle(Map<String, String> tags, String title) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(tags);
        copy.put("title", title);
        return copy;
    }
}
