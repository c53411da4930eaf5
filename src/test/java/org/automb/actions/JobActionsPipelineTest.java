package org.automb.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.AuditEntry;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;
import org.automb.status.JobIds;
import org.automb.testing.FolderChecksums;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The actions through the real pipeline (real routes, real ffmpeg, ON_COMPLETE=archive): a failed book retried from
 * the failed folder, a failed book delivered as is, a delivered book reprocessed from its archived originals, and
 * what is refused; each action leaves its audit row.
 */
class JobActionsPipelineTest extends PipelineTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTOR = "tester";

    @Test
    void aFailedBookFixedInTheFailedFolderIsMovedBackAndConvertedByARetry() throws Exception {
        NotifyBuilder failedThenConverted = booksDone(2);
        NotifyBuilder failedOnce = booksDone(1);
        drop("Broken", folder -> corrupt(folder.resolve("01.mp3")));
        awaitBooks(failedOnce);
        Path failedFolder = onlyEntryOf(failed());
        assertThat(failedFolder.resolve("FAILED_INFO.txt")).exists();
        assertThat(store().find("Broken").orElseThrow().attempts()).isEqualTo(1);

        // the user replaces the bad file where the dead letter put it, then asks for a retry
        Path good = AUDIO.mp3(staging().resolve("good.mp3"), 1.0, tags("title", "Fixed"));
        Files.move(good, failedFolder.resolve("01.mp3"), StandardCopyOption.REPLACE_EXISTING);
        ActionResult result = actions().retry(JobIds.idOf("Broken"), ACTOR);
        awaitBooks(failedThenConverted);

        assertThat(result.action()).isEqualTo("retry");
        assertThat(result.message()).contains("moved back from the failed folder");
        assertThat(converted().resolve("Broken/Broken.m4b")).isRegularFile();
        assertThat(INSPECT.inspect(converted().resolve("Broken/Broken.m4b")).chapterTitles()).containsExactly("Fixed");
        assertThat(failedFolder).as("the failed folder went back whole, its report removed").doesNotExist();
        assertThat(filesUnder(archive().resolve("Broken"))).containsExactly("01.mp3");
        Job job = store().find("Broken").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.DONE);
        assertThat(job.attempts()).as("attempts reset").isZero();
        assertThat(store().audit().of("Broken")).singleElement().satisfies(row -> {
            assertThat(row.id()).isEqualTo(result.auditId());
            assertThat(row.actor()).isEqualTo(ACTOR);
            assertThat(row.action()).isEqualTo("retry");
            assertThat(row.result()).isEqualTo("accepted");
        });
    }

    @Test
    void aFailedMp3BookIsDeliveredUnconvertedBySkipConversion() throws Exception {
        NotifyBuilder failedThenDelivered = booksDone(2);
        NotifyBuilder failedOnce = booksDone(1);
        Map<String, String>[] originals = new Map[1];
        drop("Odd Book", folder -> {
            AUDIO.mp3(folder.resolve("01 - Start.mp3"), 1.0, tags("title", "Start"));
            corrupt(folder.resolve("02 - Odd.mp3"));
            AUDIO.image(folder.resolve("cover.jpg"), 200, 200);
            originals[0] = FolderChecksums.of(folder);
        });
        awaitBooks(failedOnce);
        assertThat(store().find("Odd Book").orElseThrow().state()).isEqualTo(JobState.FAILED);

        ActionResult result = actions().skipConversion(JobIds.idOf("Odd Book"), ACTOR);
        awaitBooks(failedThenDelivered);

        assertThat(result.message()).isEqualTo("delivery as is queued");
        Path delivered = converted().resolve("Odd Book");
        Map<String, String> sums = FolderChecksums.of(delivered);
        assertThat(sums.remove("intake.json")).isNotNull();
        assertThat(sums).as("the book's files, byte for byte").isEqualTo(originals[0]);
        JsonNode manifest = JSON.readTree(delivered.resolve("intake.json").toFile());
        assertThat(manifest.path("mode").asText()).isEqualTo("as_is");
        assertThat(manifest.path("sources")).hasSize(2);
        assertThat(FolderChecksums.of(archive().resolve("Odd Book"))).as("originals archived (ON_COMPLETE)")
            .isEqualTo(originals[0]);
        Job job = store().find("Odd Book").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.DONE);
        assertThat(job.outputPath()).isEqualTo(delivered.resolve("01 - Start.mp3").toString());
        assertThat(store().notes().request("Odd Book")).as("the request is done with").isEmpty();
        assertThat(store().audit().of("Odd Book")).extracting(AuditEntry::action, AuditEntry::result)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("skip-conversion", "accepted"));
    }

    @Test
    void aDeliveredBookIsReprocessedFromItsArchivedOriginalsAndItsOutputReplaced() throws Exception {
        NotifyBuilder twice = booksDone(2);
        NotifyBuilder once = booksDone(1);
        drop("Again", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("title", "One")));
        awaitBooks(once);
        Path output = converted().resolve("Again/Again.m4b");
        double before = INSPECT.inspect(output).durationSeconds();

        // the archived source changed (say, a better copy): reprocess converts it again, over the old output
        Path longer = AUDIO.mp3(staging().resolve("longer.mp3"), 3.0, tags("title", "One"));
        Files.move(longer, archive().resolve("Again/01.mp3"), StandardCopyOption.REPLACE_EXISTING);
        ActionResult result = actions().reprocess(JobIds.idOf("Again"), ACTOR);
        awaitBooks(twice);

        assertThat(result.message()).contains("originals moved back from the archive");
        assertThat(INSPECT.inspect(output).durationSeconds()).as("the new output").isGreaterThan(before + 1.5);
        assertThat(store().find("Again").orElseThrow().state()).isEqualTo(JobState.DONE);
        assertThat(store().notes().request("Again")).isEmpty();
        assertThat(filesUnder(inbox())).isEmpty();
        assertThat(filesUnder(archive().resolve("Again"))).containsExactly("01.mp3");
    }

    @Test
    void actionsOutOfTurnAreRefusedAndRecordedAndForgettingKeepsTheFiles() throws Exception {
        NotifyBuilder once = booksDone(1);
        drop("Kept", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("title", "One")));
        awaitBooks(once);
        String id = JobIds.idOf("Kept");

        assertThatThrownBy(() -> actions().retry(id, ACTOR)).isInstanceOfSatisfying(ActionRefused.class, refused -> {
            assertThat(refused.kind()).isEqualTo(ActionRefused.Kind.CONFLICT);
            assertThat(refused.detail()).contains("'Kept' is done").contains("failed, skipped, cancelled");
        });
        assertThatThrownBy(() -> actions().tag(id, ACTOR, new TagRequest("not-an-asin", null)))
            .isInstanceOfSatisfying(ActionRefused.class, refused -> {
                assertThat(refused.kind()).isEqualTo(ActionRefused.Kind.BAD_REQUEST);
                assertThat(refused.detail()).contains("not-an-asin");
            });
        assertThatThrownBy(() -> actions().tag(id, ACTOR, TagRequest.none()))
            .isInstanceOfSatisfying(ActionRefused.class, refused ->
                assertThat(refused.detail()).isEqualTo("book 'Kept': tagging is off (AUDIBLE_ENABLED=N)"));
        assertThatThrownBy(() -> actions().cancel(id, ACTOR)).isInstanceOfSatisfying(ActionRefused.class,
            refused -> assertThat(refused.kind()).isEqualTo(ActionRefused.Kind.CONFLICT));
        assertThatThrownBy(() -> actions().retry(JobIds.idOf("No Such Book"), ACTOR))
            .isInstanceOfSatisfying(ActionRefused.class, refused ->
                assertThat(refused.kind()).isEqualTo(ActionRefused.Kind.NOT_FOUND));
        assertThatThrownBy(() -> actions().retry("%%%", ACTOR)).isInstanceOfSatisfying(ActionRefused.class,
            refused -> assertThat(refused.kind()).isEqualTo(ActionRefused.Kind.NOT_FOUND));

        List<String> filesBefore = filesUnder(converted());
        actions().forget(id, ACTOR);

        assertThat(store().find("Kept")).as("the job is forgotten").isEmpty();
        assertThat(filesUnder(converted())).as("its files stay").isEqualTo(filesBefore).contains("Kept/Kept.m4b");
        assertThat(store().audit().of("Kept")).extracting(AuditEntry::action)
            .containsExactly("delete", "cancel", "tag", "tag", "retry");
        assertThat(store().audit().of("Kept")).extracting(AuditEntry::result)
            .satisfiesExactly(
                deleted -> assertThat(deleted).isEqualTo("accepted"),
                cancel -> assertThat(cancel).startsWith("conflict: "),
                tagOff -> assertThat(tagOff).isEqualTo("conflict: book 'Kept': tagging is off (AUDIBLE_ENABLED=N)"),
                tag -> assertThat(tag).startsWith("bad request: "),
                retry -> assertThat(retry).startsWith("conflict: "));
        assertThat(store().audit().count()).as("no row for an unknown id").isEqualTo(5);
    }

    @Test
    void aWaitingBookIsCancelledAndItsRetryNeedsItsFilesInTheInbox() {
        // a book seen while its files settle (no files here: only its job)
        store().markWaiting("Settling", "hash");

        ActionResult cancelled = actions().cancel(JobIds.idOf("Settling"), ACTOR);

        assertThat(cancelled.job().state()).isEqualTo("cancelled");
        assertThat(cancelled.message()).isEqualTo("cancelled; its files stay where they are");
        assertThatThrownBy(() -> actions().retry(JobIds.idOf("Settling"), ACTOR))
            .isInstanceOfSatisfying(ActionRefused.class, refused -> assertThat(refused.detail())
                .isEqualTo("book 'Settling': its files are no longer in the inbox (" + inbox().resolve("Settling") + ")"));
        assertThat(store().find("Settling").orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void aSkipConversionForAWaitingBookIsLeftForItsNextRun() {
        store().markWaiting("Still Copying", "hash");

        ActionResult result = actions().skipConversion(JobIds.idOf("Still Copying"), ACTOR);

        assertThat(result.job().state()).isEqualTo("waiting");
        assertThat(result.message()).isEqualTo("its files are delivered as they are when it is next taken");
        assertThat(store().notes().request("Still Copying")).hasValueSatisfying(request -> {
            assertThat(request.kind()).isEqualTo(org.automb.jobs.store.JobRequest.Kind.SKIP_CONVERSION);
            assertThat(request.actor()).isEqualTo(ACTOR);
        });
    }

    private JobActions actions() {
        return context.getRegistry().lookupByNameAndType("jobActions", JobActions.class);
    }

    private JobStore store() {
        return ledger().store();
    }

    /** Random bytes no decoder takes (seeded: the same every run). */
    private static void corrupt(Path file) throws java.io.IOException {
        byte[] bytes = new byte[20_000];
        new Random(7).nextBytes(bytes);
        Files.write(file, bytes);
    }

    private static Path onlyEntryOf(Path folder) throws java.io.IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> all = entries.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }
}
