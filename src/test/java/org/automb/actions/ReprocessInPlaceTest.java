package org.automb.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.JobState;
import org.automb.status.JobIds;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * ON_COMPLETE=test_do_nothing: the originals stay in the inbox, unchanged, so only the reprocess action sends the
 * delivered book round again; its new output replaces the old one though OVERWRITE_EXISTING is off.
 */
class ReprocessInPlaceTest extends PipelineTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected Map<String, String> settings() {
        return Map.of("ON_COMPLETE", "test_do_nothing", "OVERWRITE_EXISTING", "N");
    }

    @Test
    void aDeliveredBookIsConvertedAgainFromTheSameOriginalsAndItsOutputReplaced() throws Exception {
        NotifyBuilder twice = booksDone(2);
        NotifyBuilder once = booksDone(1);
        drop("Same Again", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("title", "One")));
        awaitBooks(once);
        Path manifest = converted().resolve("Same Again/intake.json");
        String firstFinish = JSON.readTree(manifest.toFile()).path("finishedAt").asText();

        ActionResult result = context.getRegistry().lookupByNameAndType("jobActions", JobActions.class)
            .reprocess(JobIds.idOf("Same Again"), "tester");
        awaitBooks(twice);

        assertThat(result.message()).isEqualTo("reprocessing queued");
        assertThat(JSON.readTree(manifest.toFile()).path("finishedAt").asText()).as("a new delivery")
            .isNotEqualTo(firstFinish);
        assertThat(ledger().status("Same Again")).isEqualTo(JobState.DONE);
        assertThat(ledger().store().events("Same Again")).extracting(e -> e.to())
            .as("converted twice, never skipped").doesNotContain(JobState.SKIPPED).containsSubsequence(
                JobState.DONE, JobState.WAITING, JobState.PENDING, JobState.CONVERTING, JobState.DONE);
        assertThat(filesUnder(inbox())).containsExactly("Same Again/01.mp3");
    }
}
