package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.testing.ServiceFiles.scratchLeftIn;

import java.nio.file.Files;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

/** ON_COMPLETE=delete: once the output is validated and in place, the originals are deleted; nothing is archived. */
class OnCompleteDeleteTest extends OriginalsTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("ON_COMPLETE", "delete");
    }

    @Test
    void originalsAreDeletedOnlyAfterTheOutputIsInPlace() throws Exception {
        NotifyBuilder done = booksDone(2);
        dropBook("Folder Book", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags());
            AUDIO.mp3(folder.resolve("02.mp3"), 1.0, tags());
            Files.writeString(folder.resolve("notes.txt"), "notes");
        });
        dropLoose("Loose Book.mp3", file -> AUDIO.mp3(file, 1.5, tags()));
        // a file in the inbox root that belongs to no book stays where it is
        Files.writeString(inbox().resolve("readme.txt"), "not a book");
        awaitBooks(done);

        assertOutput("Folder Book", 2.0);
        assertOutput("Loose Book", 1.5);
        assertThat(filesUnder(converted().resolve("Folder Book"))).contains("notes.txt");
        assertThat(filesUnder(inbox())).containsExactly("readme.txt");
        assertThat(filesUnder(archive())).isEmpty();
        assertThat(scratchLeftIn(working())).isEmpty();
    }
}
