package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.JobState;
import org.automb.testing.M4bInspector.M4bFacts;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/** OVERWRITE_EXISTING=Y: an existing output (and its extra files) is replaced by the new conversion. */
class OverwriteExistingTest extends PipelineTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("OVERWRITE_EXISTING", "Y");
    }

    @Test
    void anExistingOutputIsReplaced() throws Exception {
        Path existing = converted().resolve("Done Before/Done Before.m4b");
        AUDIO.aac(existing, 1.0, 22050, 1, tags("album", "Earlier Edition"));
        Files.writeString(existing.resolveSibling("notes.txt"), "old notes");

        NotifyBuilder done = booksDone(1);
        drop("Done Before", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 2.5, tags("album", "New Edition"));
            Files.writeString(folder.resolve("notes.txt"), "new notes");
        });
        awaitBooks(done);

        assertThat(ledger().status("Done Before")).isEqualTo(JobState.DONE);
        M4bFacts facts = INSPECT.inspect(existing);
        assertThat(facts.tags()).containsEntry("album", "New Edition");
        assertThat(facts.durationSeconds()).isCloseTo(2.5, within(0.05));
        assertThat(Files.readString(existing.resolveSibling("notes.txt"))).isEqualTo("new notes");
        assertThat(OutputChecks.manifest(existing.getParent()).path("output").path("sha256").asText())
            .isEqualTo(OutputChecks.sha256(existing));
        assertThat(filesUnder(inbox())).isEmpty();
        assertThat(filesUnder(archive().resolve("Done Before"))).containsExactlyInAnyOrder("01.mp3", "notes.txt");
    }
}
