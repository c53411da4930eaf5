package org.automb.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.actions.ReviewGate;
import org.automb.deliver.FailedBookMover;
import org.automb.jobs.store.EventCause;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobEvent;
import org.automb.jobs.store.JobState;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * REVIEW_BEFORE_RELEASE=Y: a finished book waits in REVIEW_FOLDER (nothing of it in CONVERTED_FOLDER) with its job in
 * REVIEW; approving it moves it, with its intake.json and extra files, to its place in CONVERTED_FOLDER (DONE);
 * rejecting it moves it to the failed folder with the reason in FAILED_INFO.txt (FAILED).
 */
class ReviewGateTest extends PipelineTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path review() {
        return root().resolve("review");
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("REVIEW_BEFORE_RELEASE", "Y", "REVIEW_FOLDER", review().toString(), "ON_COMPLETE", "archive");
    }

    @Test
    void aFinishedBookWaitsForReviewAndIsReleasedWhenApproved() throws Exception {
        String key = "Approved Book";
        convert(key);
        Path inReview = review().resolve(key).resolve("Approved Book.m4b");
        assertThat(filesUnder(review())).containsExactlyInAnyOrder(
            key + "/Approved Book.m4b", key + "/intake.json", key + "/cover.jpg");
        assertThat(filesUnder(converted())).as("library servers see nothing yet").isEmpty();
        assertThat(filesUnder(archive())).as("the originals handled as usual").contains(key + "/one.mp3");
        Job waiting = job(key);
        assertThat(waiting.state()).isEqualTo(JobState.REVIEW);
        assertThat(waiting.outputPath()).isEqualTo(inReview.toString());
        assertThat(manifest(inReview).path("review").path("state").asText()).isEqualTo("waiting");

        Path released = gate().approve(key);

        Path expected = converted().resolve(key).resolve("Approved Book.m4b");
        assertThat(released).isEqualTo(expected);
        assertThat(filesUnder(converted())).containsExactlyInAnyOrder(
            key + "/Approved Book.m4b", key + "/intake.json", key + "/cover.jpg");
        assertThat(INSPECT.inspect(expected).durationSeconds()).isGreaterThan(1.5);
        try (var left = Files.list(review())) {
            assertThat(left.toList()).as("no empty folders left in the review folder").isEmpty();
        }
        Job done = job(key);
        assertThat(done.state()).isEqualTo(JobState.DONE);
        assertThat(done.outputPath()).isEqualTo(expected.toString());
        assertThat(lastEvent(key).cause()).isEqualTo(EventCause.API);
        JsonNode manifest = manifest(expected);
        assertThat(manifest.path("review").path("state").asText()).isEqualTo("approved");
        assertThat(manifest.path("output").path("path").asText()).isEqualTo(expected.toString());

        assertThatThrownBy(() -> gate().approve(key)).isInstanceOf(IllegalStateException.class).hasMessageContaining("done");
    }

    @Test
    void aRejectedBookGoesToTheFailedFolderWithTheReason() throws Exception {
        String key = "Rejected Book";
        convert(key);
        assertThat(job(key).state()).isEqualTo(JobState.REVIEW);

        Path folder = gate().reject(key, "wrong narrator: this is the abridged edition");

        assertThat(folder.getParent()).isEqualTo(failed());
        assertThat(filesUnder(folder)).containsExactlyInAnyOrder(
            "Rejected Book.m4b", "intake.json", "cover.jpg", FailedBookMover.INFO_FILE);
        assertThat(Files.readString(folder.resolve(FailedBookMover.INFO_FILE)))
            .contains("wrong narrator: this is the abridged edition").contains(key);
        assertThat(filesUnder(review())).isEmpty();
        assertThat(filesUnder(converted())).isEmpty();
        Job rejected = job(key);
        assertThat(rejected.state()).isEqualTo(JobState.FAILED);
        assertThat(rejected.outputPath()).isEqualTo(folder.toString());
        assertThat(rejected.errorMessage()).contains("wrong narrator: this is the abridged edition");
        assertThat(lastEvent(key).cause()).isEqualTo(EventCause.API);
        JsonNode manifest = JSON.readTree(folder.resolve("intake.json").toFile());
        assertThat(manifest.path("review").path("state").asText()).isEqualTo("rejected");
        assertThat(manifest.path("review").path("reason").asText()).isEqualTo("wrong narrator: this is the abridged edition");

        assertThatThrownBy(() -> gate().reject(key, "again")).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("failed");
    }

    /** Drops a two-second book with a cover at {@code key} and waits until it went through. */
    private void convert(String key) {
        NotifyBuilder done = booksDone(1);
        drop(key, folder -> {
            AUDIO.mp3(folder.resolve("one.mp3"), 2.0, Map.of("title", "One"));
            Files.write(folder.resolve("cover.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
        });
        awaitBooks(done);
    }

    private ReviewGate gate() {
        return context.getRegistry().lookupByNameAndType("reviewGate", ReviewGate.class);
    }

    private Job job(String key) {
        return ledger().store().find(key).orElseThrow();
    }

    private JobEvent lastEvent(String key) {
        List<JobEvent> events = ledger().store().events(key);
        return events.get(events.size() - 1);
    }

    private static JsonNode manifest(Path m4b) throws IOException {
        return JSON.readTree(m4b.resolveSibling("intake.json").toFile());
    }
}
