package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.testing.ServiceFiles.scratchLeftIn;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.JobState;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/** By default (OVERWRITE_EXISTING=N) a book whose output already exists is skipped: nothing is touched. */
class OverwriteTest extends PipelineTestSupport {

    @Test
    void anExistingOutputIsKeptAndTheBookSkipped() throws Exception {
        Path existing = converted().resolve("Done Before/Done Before.m4b");
        AUDIO.aac(existing, 1.0, 22050, 1, tags("album", "Earlier Edition"));
        String before = OutputChecks.sha256(existing);

        NotifyBuilder done = booksDone(1);
        drop("Done Before", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("album", "Done Before"));
            Files.writeString(folder.resolve("notes.txt"), "new notes");
        });
        awaitBooks(done);

        assertThat(ledger().status("Done Before")).isEqualTo(JobState.SKIPPED);
        assertThat(OutputChecks.sha256(existing)).as("the existing output is untouched").isEqualTo(before);
        assertThat(filesUnder(converted().resolve("Done Before"))).containsExactly("Done Before.m4b");
        assertThat(filesUnder(inbox().resolve("Done Before"))).as("the originals stay in the inbox")
            .containsExactlyInAnyOrder("01.mp3", "notes.txt");
        assertThat(filesUnder(archive())).isEmpty();
        assertThat(scratchLeftIn(working())).isEmpty();
    }
}
