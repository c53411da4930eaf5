package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.automb.testing.ServiceFiles.scratchLeftIn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.testing.M4bInspector.M4bFacts;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/** The everyday case: a folder of tagged mp3s becomes one chaptered, tagged m4b; the originals are archived. */
class FolderOfMp3sTest extends PipelineTestSupport {

    @Test
    void folderOfMp3sBecomesOneChapteredTaggedM4b() throws Exception {
        NotifyBuilder done = booksDone(1);
        drop("Jane Doe - The Long Road", folder -> {
            AUDIO.mp3(folder.resolve("01 - Opening.mp3"), 2.0, tags("title", "Opening", "artist", "Jane Doe",
                "album", "The Long Road", "composer", "Sam Reader", "date", "2019-05-01", "genre", "Fiction"));
            AUDIO.mp3(folder.resolve("02 - Middle.mp3"), 3.0, tags("title", "The Middle", "artist", "Jane Doe",
                "album", "The Long Road", "composer", "Sam Reader", "date", "2019-05-01", "genre", "Fiction"));
            AUDIO.mp3(folder.resolve("03 - End.mp3"), 1.5, tags("title", "The End", "artist", "Jane Doe",
                "album", "The Long Road", "composer", "Sam Reader", "date", "2019-05-01", "genre", "Fiction"));
            AUDIO.image(folder.resolve("cover.jpg"), 400, 400);
            Files.writeString(folder.resolve("notes.txt"), "liner notes");
        });
        awaitBooks(done);

        Path output = converted().resolve("Jane Doe - The Long Road/Jane Doe - The Long Road.m4b");
        assertThat(output).exists();
        M4bFacts facts = INSPECT.inspect(output);
        assertThat(facts.codec()).isEqualTo("aac");
        assertThat(facts.durationSeconds()).isCloseTo(6.5, within(0.05));
        assertThat(facts.chapterTitles()).containsExactly("Opening", "The Middle", "The End");
        assertThat(facts.chapters().get(1).start()).isCloseTo(2.0, within(0.024));
        assertThat(facts.chapters().get(2).start()).isCloseTo(5.0, within(0.024));
        assertThat(facts.tags()).containsEntry("title", "The Long Road").containsEntry("album", "The Long Road")
            .containsEntry("artist", "Jane Doe").containsEntry("composer", "Sam Reader").containsEntry("date", "2019")
            .containsEntry("genre", "Fiction").containsEntry("media_type", "2");
        assertThat(facts.hasCover()).as("cover.jpg embedded").isTrue();

        // exact: one encoder for the whole book, so the decoded length is the sources' total within one AAC frame
        long expectedSamples = Math.round(6.5 * 22050);
        assertThat(INSPECT.decodedSamples(output)).isBetween(expectedSamples - 1024, expectedSamples + 1024);

        assertThat(filesUnder(converted().resolve("Jane Doe - The Long Road")))
            .containsExactlyInAnyOrder("Jane Doe - The Long Road.m4b", "cover.jpg", "notes.txt", "intake.json");
        assertThat(filesUnder(archive().resolve("Jane Doe - The Long Road")))
            .containsExactlyInAnyOrder("01 - Opening.mp3", "02 - Middle.mp3", "03 - End.mp3", "cover.jpg", "notes.txt");
        assertThat(filesUnder(inbox())).isEmpty();
        assertThat(scratchLeftIn(working())).as("no book scratch left in the working folder").isEmpty();

        JsonNode manifest = new ObjectMapper().readTree(converted().resolve("Jane Doe - The Long Road/intake.json").toFile());
        assertThat(manifest.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(manifest.path("mode").asText()).isEqualTo("encode");
        assertThat(manifest.path("sources")).hasSize(3);
        assertThat(manifest.path("sources").path(0).path("sha256").asText()).hasSize(64);
        assertThat(manifest.path("chapters")).hasSize(3);
        assertThat(manifest.path("output").path("sha256").asText()).hasSize(64);
    }

    @Test
    void theBooksPcmIsStreamedToTheEncoderNotHeldInMemory() {
        // with stream caching on, Camel would read a whole book's PCM (gigabytes for a long book) before ffmpeg starts
        assertThat(context.isStreamCaching()).isFalse();
    }
}
