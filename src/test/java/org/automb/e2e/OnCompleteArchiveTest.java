package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.JobState;
import org.junit.jupiter.api.Test;

/** ON_COMPLETE=archive (the default): once the output is in place, the originals move to ARCHIVE_FOLDER/&lt;key&gt; whole. */
class OnCompleteArchiveTest extends OriginalsTestSupport {

    @Test
    void originalsAreArchivedWholeAfterConversion() throws Exception {
        NotifyBuilder done = booksDone(4);
        dropBook("Author - Folder Book", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("title", "One"));
            AUDIO.mp3(folder.resolve("CD 2/02.mp3"), 1.0, tags("title", "Two"));
            Files.writeString(folder.resolve("notes.txt"), "notes");
        });
        dropSeries("Series", Map.of(
            "Book One", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags()),
            "Book Two", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.5, tags())));
        dropFile("Loose Book.jpg", file -> AUDIO.image(file, 100, 100));
        dropLoose("Loose Book.mp3", file -> AUDIO.mp3(file, 1.0, tags()));
        awaitBooks(done);

        assertOutput("Author - Folder Book", 2.0);
        assertOriginalsIn("Author - Folder Book", archive().resolve("Author - Folder Book"));
        assertOutput("Series/Book One", 1.0);
        assertOriginalsIn("Series/Book One", archive().resolve("Series/Book One"));
        assertOutput("Series/Book Two", 1.5);
        assertOriginalsIn("Series/Book Two", archive().resolve("Series/Book Two"));
        assertOutput("Loose Book", 1.0);
        assertOriginalsIn("Loose Book", archive().resolve("Loose Book"));
        assertThat(filesUnder(archive().resolve("Loose Book"))).as("the loose book's companion goes with it")
            .containsExactlyInAnyOrder("Loose Book.mp3", "Loose Book.jpg");
        assertThat(filesUnder(inbox())).isEmpty();
        assertThat(ledger().counts()).containsEntry(JobState.DONE, 4).doesNotContainKey(JobState.FAILED);
    }
}
