package org.automb.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.automb.actions.ReviewGate;
import org.automb.config.Settings;
import org.automb.config.SettingsCatalog;
import org.automb.deliver.FailedBookMover;
import org.automb.deliver.ManifestWriter;
import org.automb.deliver.OutputLayout;
import org.automb.io.SafeMover;
import org.automb.jobs.store.EventCause;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review gate on real folders and a real job store: refusals, and decisions a crash cut short made again. */
class ReviewGateUnitTest {

    private static final String KEY = "Some Book";

    @TempDir
    Path root;
    private JobStore store;
    private final Set<String> beingTagged = new java.util.HashSet<>();

    @BeforeEach
    void openStore() {
        store = JobStore.open(JobStore.defaultUrl(root.resolve("config")), Clock.systemUTC());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private Path review() { return root.resolve("review"); }
    private Path converted() { return root.resolve("converted"); }
    private Path failed() { return root.resolve("failed"); }

    private ReviewGate gate(boolean overwrite) {
        Map<String, String> raw = new HashMap<>(new SettingsCatalog(2).defaults());
        raw.put("CONVERTED_FOLDER", converted().toString());
        raw.put("FAILED_FOLDER", failed().toString());
        raw.put("REVIEW_FOLDER", review().toString());
        raw.put("REVIEW_BEFORE_RELEASE", "Y");
        raw.put("OVERWRITE_EXISTING", overwrite ? "Y" : "N");
        Settings settings = Settings.parse(raw);
        SafeMover mover = new SafeMover();
        return new ReviewGate(settings, new OutputLayout(settings), mover, store, new ManifestWriter(Clock.systemUTC()),
            new FailedBookMover(failed(), mover, Clock.systemUTC().getZone()), beingTagged::contains, Clock.systemUTC());
    }

    /** A book waiting in the review folder, as deliver-for-review leaves it. */
    private Path bookInReview() throws IOException {
        Path m4b = review().resolve(KEY).resolve(KEY + ".m4b");
        Files.createDirectories(m4b.getParent());
        Files.writeString(m4b, "the new book");
        Files.writeString(m4b.resolveSibling("intake.json"),
            "{\"book\": {\"key\": \"" + KEY + "\"}, \"output\": {\"path\": \"" + m4b + "\"}}");
        Files.writeString(m4b.resolveSibling("notes.txt"), "extra");
        store.claim(KEY, "content", EventCause.INTAKE);
        store.moveOutputIfStill(KEY, EnumSet.allOf(JobState.class), JobState.REVIEW, m4b.toString(), null,
            EventCause.INTAKE, "");
        return m4b;
    }

    @Test
    void anEarlierOutputIsNotReplacedWithoutOverwriteExisting() throws IOException {
        Path m4b = bookInReview();
        Path earlier = converted().resolve(KEY).resolve(KEY + ".m4b");
        Files.createDirectories(earlier.getParent());
        Files.writeString(earlier, "the earlier book");

        assertThatThrownBy(() -> gate(false).approve(KEY)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("OVERWRITE_EXISTING").hasMessageContaining(earlier.toString());
        assertThat(earlier).hasContent("the earlier book");
        assertThat(m4b).hasContent("the new book");
        assertThat(store.find(KEY).orElseThrow().state()).isEqualTo(JobState.REVIEW);

        assertThat(gate(true).approve(KEY)).isEqualTo(earlier);
        assertThat(earlier).hasContent("the new book");
        assertThat(earlier.resolveSibling("notes.txt")).hasContent("extra");
        assertThat(store.find(KEY).orElseThrow().state()).isEqualTo(JobState.DONE);
        assertThat(review()).isEmptyDirectory();
    }

    @Test
    void anApprovalACrashCutShortIsFinishedWhenMadeAgain() throws IOException {
        Path m4b = bookInReview();
        // the crash: the extra file and the m4b moved, intake.json still in review, the job still in REVIEW
        Path target = converted().resolve(KEY).resolve(KEY + ".m4b");
        Files.createDirectories(target.getParent());
        Files.move(m4b.resolveSibling("notes.txt"), target.resolveSibling("notes.txt"));
        Files.move(m4b, target);

        assertThat(gate(false).approve(KEY)).isEqualTo(target);
        assertThat(target).hasContent("the new book");
        assertThat(target.resolveSibling("intake.json")).content().contains("approved");
        assertThat(store.find(KEY).orElseThrow().state()).isEqualTo(JobState.DONE);
        assertThat(store.find(KEY).orElseThrow().outputPath()).isEqualTo(target.toString());
        assertThat(review()).isEmptyDirectory();
    }

    @Test
    void aRejectionACrashCutShortIsFinishedWhenMadeAgain() throws IOException {
        Path m4b = bookInReview();
        // the crash: the folder moved to the failed folder, FAILED_INFO.txt not written, the job still in REVIEW
        Path folder = failed().resolve(KEY + "_2026-01-01_00-00-00");
        Files.createDirectories(failed());
        Files.move(m4b.getParent(), folder);

        assertThat(gate(false).reject(KEY, "wrong book")).isEqualTo(folder);
        assertThat(folder.resolve(FailedBookMover.INFO_FILE)).content().contains("wrong book");
        assertThat(folder.resolve("intake.json")).content().contains("rejected");
        assertThat(store.find(KEY).orElseThrow().state()).isEqualTo(JobState.FAILED);
        assertThat(store.find(KEY).orElseThrow().errorMessage()).contains("wrong book");
    }

    @Test
    void aBookNotInReviewOrStillBeingTaggedIsRefusedNamingWhy() throws IOException {
        bookInReview();
        beingTagged.add(KEY);
        assertThatThrownBy(() -> gate(false).approve(KEY)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("being tagged");
        beingTagged.clear();
        store.transition(KEY, JobState.CANCELLED, EventCause.API, "");
        assertThatThrownBy(() -> gate(false).reject(KEY, "no")).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("cancelled");
        assertThat(review().resolve(KEY).resolve(KEY + ".m4b")).exists();
    }
}
