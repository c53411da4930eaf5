package org.automb.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.AuditEntry;
import org.automb.jobs.store.JobState;
import org.automb.status.JobIds;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * REVIEW_BEFORE_RELEASE=Y through the actions: approve releases a book into CONVERTED_FOLDER, reject sets it aside
 * with the user's reason; each is audited with who did it, and a second decision is refused.
 */
class ReviewActionsTest extends PipelineTestSupport {

    private Path review() {
        return root().resolve("review");
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("REVIEW_BEFORE_RELEASE", "Y", "REVIEW_FOLDER", review().toString());
    }

    @Test
    void approveReleasesRejectSetsAsideAndASecondDecisionIsRefused() throws Exception {
        NotifyBuilder done = booksDone(2);
        drop("Good One", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("title", "One")));
        drop("Bad One", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("title", "One")));
        awaitBooks(done);
        assertThat(ledger().status("Good One")).isEqualTo(JobState.REVIEW);
        JobActions actions = context.getRegistry().lookupByNameAndType("jobActions", JobActions.class);

        ActionResult approved = actions.approve(JobIds.idOf("Good One"), "alice");
        ActionResult rejected = actions.reject(JobIds.idOf("Bad One"), "alice", "wrong narrator");

        assertThat(approved.job().state()).isEqualTo("done");
        assertThat(converted().resolve("Good One/Good One.m4b")).isRegularFile();
        assertThat(rejected.job().state()).isEqualTo("failed");
        assertThat(filesUnder(converted())).noneMatch(file -> file.startsWith("Bad One"));
        try (var failed = Files.list(failed())) {
            assertThat(failed.toList()).singleElement().satisfies(folder ->
                assertThat(Files.readString(folder.resolve("FAILED_INFO.txt"))).contains("wrong narrator"));
        }
        assertThatThrownBy(() -> actions.approve(JobIds.idOf("Good One"), "bob"))
            .isInstanceOfSatisfying(ActionRefused.class, refused -> {
                assertThat(refused.kind()).isEqualTo(ActionRefused.Kind.CONFLICT);
                assertThat(refused.detail()).isEqualTo("book 'Good One' is done; approve is allowed when it is review");
            });
        assertThat(ledger().store().audit().of("Bad One")).singleElement().satisfies(row -> {
            assertThat(row.actor()).isEqualTo("alice");
            assertThat(row.action()).isEqualTo("reject");
            assertThat(row.detail()).isEqualTo("wrong narrator");
        });
        assertThat(ledger().store().audit().of("Good One")).extracting(AuditEntry::actor, AuditEntry::result)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("bob", "conflict: book 'Good One' is done; approve is"
                + " allowed when it is review"), org.assertj.core.groups.Tuple.tuple("alice", "accepted"));
    }
}
