package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

/**
 * BACKUP=Y: each book is first copied to BACKUP_FOLDER/&lt;key&gt; (and the copy verified); the originals are then
 * handled per ON_COMPLETE, here deleted, so the backup is the only copy of the sources left.
 */
class BackupTest extends OriginalsTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("BACKUP", "Y", "ON_COMPLETE", "delete");
    }

    @Test
    void booksAreBackedUpWholeBeforeTheOriginalsAreDeleted() throws Exception {
        NotifyBuilder done = booksDone(4);
        dropBook("Folder Book", folder -> {
            AUDIO.mp3(folder.resolve("Disc 1/01.mp3"), 1.0, tags());
            AUDIO.mp3(folder.resolve("Disc 2/01.mp3"), 1.0, tags());
            AUDIO.image(folder.resolve("cover.jpg"), 100, 100);
        });
        dropSeries("Series", Map.of(
            "Part One", folder -> AUDIO.aac(folder.resolve("01.m4a"), 1.0, 22050, 1, tags()),
            "Part Two", folder -> AUDIO.aac(folder.resolve("01.m4a"), 1.0, 22050, 1, tags())));
        dropLoose("Loose Book.mp3", file -> AUDIO.mp3(file, 1.0, tags()));
        awaitBooks(done);

        assertOutput("Folder Book", 2.0);
        assertOutput("Series/Part One", 1.0);
        assertOutput("Series/Part Two", 1.0);
        assertOutput("Loose Book", 1.0);
        assertOriginalsIn("Folder Book", backup().resolve("Folder Book"));
        assertOriginalsIn("Series/Part One", backup().resolve("Series/Part One"));
        assertOriginalsIn("Series/Part Two", backup().resolve("Series/Part Two"));
        assertOriginalsIn("Loose Book", backup().resolve("Loose Book"));
        assertThat(filesUnder(backup().resolve("Loose Book"))).containsExactly("Loose Book.mp3");
        assertThat(filesUnder(inbox())).as("originals deleted after the backup").isEmpty();
        assertThat(filesUnder(archive())).isEmpty();
        assertThat(Files.exists(converted().resolve("Folder Book/cover.jpg"))).isTrue();
    }
}
