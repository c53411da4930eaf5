package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.testing.ServiceFiles.scratchLeftIn;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.JobState;
import org.automb.testing.FolderChecksums;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * OUTPUT_NAMING as a template: each book is delivered into the folder its tags name, the m4b named after the last
 * part, with its extra files and intake.json beside it; a field the book has no value for leaves no trace; nothing
 * is left under the inbox key and the originals are archived whole.
 */
class OutputNamingTest extends PipelineTestSupport {

    private static final String TEMPLATE = "Library/{author}/{year} - {title}";

    @Override
    protected Map<String, String> settings() {
        return Map.of("OUTPUT_NAMING", TEMPLATE);
    }

    @Test
    void booksAreDeliveredWhereTheTemplateNamesThem() throws Exception {
        AtomicReference<Map<String, String>> tagged = new AtomicReference<>();
        AtomicReference<Map<String, String>> untagged = new AtomicReference<>();
        NotifyBuilder done = booksDone(2);
        drop("Schwarm Folder", folder -> {
            Map<String, String> tags = tags("artist", "Frank Schätzing", "album", "Der Schwarm: Roman", "date", "2004");
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags);
            AUDIO.mp3(folder.resolve("CD 2/02.mp3"), 1.0, tags);
            AUDIO.image(folder.resolve("cover.jpg"), 300, 300);
            Files.writeString(folder.resolve("notes.txt"), "liner notes");
            Files.writeString(folder.resolve("CD 2/notes.txt"), "second disc's notes");
            tagged.set(FolderChecksums.of(folder));
        });
        drop("Plain Book", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags());
            Files.writeString(folder.resolve("readme.txt"), "readme");
            untagged.set(FolderChecksums.of(folder));
        });
        awaitBooks(done);

        Path schwarm = converted().resolve("Library/Frank Schätzing/2004 - Der Schwarm - Roman");
        assertThat(filesUnder(converted())).containsExactlyInAnyOrder(
            "Library/Frank Schätzing/2004 - Der Schwarm - Roman/2004 - Der Schwarm - Roman.m4b",
            "Library/Frank Schätzing/2004 - Der Schwarm - Roman/cover.jpg",
            "Library/Frank Schätzing/2004 - Der Schwarm - Roman/notes.txt",
            "Library/Frank Schätzing/2004 - Der Schwarm - Roman/Schwarm Folder - notes.txt", // two notes.txt: both kept
            "Library/Frank Schätzing/2004 - Der Schwarm - Roman/intake.json",
            // no author, no year: those parts leave no empty folder and no " - "
            "Library/Plain Book/Plain Book.m4b",
            "Library/Plain Book/readme.txt",
            "Library/Plain Book/intake.json");

        Path m4b = schwarm.resolve("2004 - Der Schwarm - Roman.m4b");
        assertThat(INSPECT.inspect(m4b).tags()).containsEntry("title", "Der Schwarm: Roman")
            .containsEntry("artist", "Frank Schätzing");
        assertThat(java.util.List.of(OutputChecks.sha256(schwarm.resolve("notes.txt")),
                OutputChecks.sha256(schwarm.resolve("Schwarm Folder - notes.txt"))))
            .containsExactlyInAnyOrder(tagged.get().get("notes.txt"), tagged.get().get("CD 2/notes.txt"));
        assertThat(OutputChecks.sha256(schwarm.resolve("cover.jpg"))).isEqualTo(tagged.get().get("cover.jpg"));

        JsonNode manifest = OutputChecks.manifest(schwarm);
        assertThat(manifest.path("book").path("key").asText()).isEqualTo("Schwarm Folder");
        assertThat(manifest.path("output").path("path").asText()).isEqualTo(m4b.toString());
        assertThat(manifest.path("output").path("sha256").asText()).isEqualTo(OutputChecks.sha256(m4b));

        // nothing lost: the originals archived byte for byte under their key, the inbox empty
        assertThat(FolderChecksums.of(archive().resolve("Schwarm Folder"))).isEqualTo(tagged.get());
        assertThat(FolderChecksums.of(archive().resolve("Plain Book"))).isEqualTo(untagged.get());
        assertThat(filesUnder(inbox())).isEmpty();
        assertThat(ledger().status("Schwarm Folder")).isEqualTo(JobState.DONE);
        assertThat(ledger().status("Plain Book")).isEqualTo(JobState.DONE);
        assertThat(scratchLeftIn(working())).isEmpty();
    }

    @Test
    void aSecondBookNamedLikeAnEarlierOneIsNotDeliveredOverIt() throws Exception {
        Map<String, String> tags = tags("artist", "Same Author", "album", "Same Title");
        NotifyBuilder first = booksDone(1);
        drop("Edition A", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags));
        awaitBooks(first);
        Path place = converted().resolve("Library/Same Author/Same Title");
        String firstOutput = OutputChecks.sha256(place.resolve("Same Title.m4b"));

        AtomicReference<Map<String, String>> second = new AtomicReference<>();
        drop("Edition B", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 2.0, tags);
            second.set(FolderChecksums.of(folder));
        });
        // its outcome, not a count of process-book exchanges (a scan and a file event may both hand the book over)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(3))
            .until(() -> ledger().status("Edition B") == JobState.FAILED);

        assertThat(ledger().status("Edition A")).isEqualTo(JobState.DONE);
        assertThat(ledger().status("Edition B")).isEqualTo(JobState.FAILED);
        assertThat(ledger().message("Edition B").orElseThrow())
            .contains("names the same place as book 'Edition A'").contains("OUTPUT_NAMING");
        assertThat(OutputChecks.sha256(place.resolve("Same Title.m4b"))).as("the first book's output is untouched")
            .isEqualTo(firstOutput);
        assertThat(OutputChecks.manifest(place).path("book").path("key").asText()).isEqualTo("Edition A");
        assertThat(filesUnder(converted())).containsExactlyInAnyOrder("Library/Same Author/Same Title/Same Title.m4b",
            "Library/Same Author/Same Title/intake.json");
        try (var failedFolders = Files.list(failed())) {
            Path failedBook = failedFolders.filter(f -> f.getFileName().toString().startsWith("Edition B_"))
                .findFirst().orElseThrow();
            Map<String, String> kept = new java.util.TreeMap<>(FolderChecksums.of(failedBook));
            assertThat(kept.remove("FAILED_INFO.txt")).isNotNull();
            assertThat(kept.remove("auto-m4b.log")).as("the book's log beside it").isNotNull();
            assertThat(kept).as("the second book's originals, byte for byte").isEqualTo(second.get());
        }
    }
}
