package org.automb.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.automb.config.Settings;
import org.automb.config.SettingsCatalog;
import org.automb.deliver.FailedBookMover;
import org.automb.jobs.store.BookRun;
import org.automb.jobs.store.DeliveryRecord;
import org.automb.jobs.store.ErrorClass;
import org.automb.jobs.store.EventCause;
import org.automb.jobs.store.JobProgress;
import org.automb.jobs.store.JobRequest;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;
import org.automb.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status service over a real SQLite store in a temporary folder. */
class StatusServiceTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(NOW.minus(Duration.ofDays(40)));
    private JobStore store;
    private StatusService status;

    @BeforeEach
    void open() {
        store = JobStore.open(JobStore.defaultUrl(root.resolve("config")), clock);
        status = new StatusService(store, settings(), clock, "9.9.9");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Settings settings() {
        Map<String, String> raw = new HashMap<>(new SettingsCatalog(2).defaults());
        raw.put("INBOX_FOLDER", root.resolve("inbox").toString());
        raw.put("CONVERTED_FOLDER", root.resolve("converted").toString());
        raw.put("ARCHIVE_FOLDER", root.resolve("missing-archive").toString());
        raw.put("FAILED_FOLDER", root.resolve("failed").toString());
        raw.put("WORKING_FOLDER", root.resolve("working").toString());
        raw.put("CONFIG_FOLDER", root.resolve("config").toString());
        return Settings.parse(raw);
    }

    private void run(String key, BookRun.Outcome outcome, Instant finished, Integer elapsedSeconds, Double audioSeconds,
                     Long bytes, String reason) {
        Instant started = elapsedSeconds == null ? null : finished.minusSeconds(elapsedSeconds);
        store.runs().record(new BookRun(0, key, started, finished, outcome, "JVM_SEGMENTS", audioSeconds, bytes,
            "/out/" + key + ".m4b", reason));
    }

    @Test
    void totalsCountDeliveredAndFailedRunsAndTimeTheConvertedOnes() {
        clock.advance(Duration.ofDays(40));
        run("A", BookRun.Outcome.CONVERTED, NOW.minusSeconds(300), 10, 3600.0, 1000L, null);
        run("B", BookRun.Outcome.CONVERTED, NOW.minusSeconds(200), 30, 1800.0, 500L, null);
        run("C", BookRun.Outcome.CONVERTED, NOW.minusSeconds(100), 20, 1800.0, 500L, null);
        run("D", BookRun.Outcome.PASSED_THROUGH, NOW.minusSeconds(90), 1, 3600.0, 2000L, null);
        run("E", BookRun.Outcome.FAILED, NOW.minusSeconds(80), 5, null, null, "book 'E': 02.mp3 is not audio");
        run("F", BookRun.Outcome.CANCELLED, NOW.minusSeconds(70), 5, null, null, "cancelled by admin");
        run("G", BookRun.Outcome.SKIPPED, NOW.minusSeconds(60), null, null, null, "an output already exists");

        Totals lifetime = status.status().totals().lifetime();

        assertThat(lifetime.converted()).isEqualTo(3);
        assertThat(lifetime.passedThrough()).isEqualTo(1);
        assertThat(lifetime.failed()).isEqualTo(1);
        assertThat(lifetime.successRate()).isCloseTo(0.8, within(1e-9));
        assertThat(lifetime.averageSeconds()).isCloseTo(20.0, within(1e-9));
        assertThat(lifetime.fastestSeconds()).isEqualTo(10.0);
        assertThat(lifetime.slowestSeconds()).isEqualTo(30.0);
        assertThat(lifetime.audioHours()).isCloseTo(3.0, within(1e-9));
        assertThat(lifetime.audioBytes()).isEqualTo(4000L);
        StatusDocument doc = status.status();
        assertThat(doc.recentConversions()).extracting(RunView::key).containsExactly("D", "C", "B", "A");
        assertThat(doc.recentFailures()).singleElement().satisfies(failure -> {
            assertThat(failure.reason()).isEqualTo("book 'E': 02.mp3 is not audio");
            assertThat(failure.id()).isEqualTo(JobIds.idOf("E"));
            assertThat(failure.elapsedSeconds()).isEqualTo(5.0);
        });
    }

    @Test
    void taggedAndNeedsReviewCountEachBookOnceFromTheTagResults() {
        clock.advance(Duration.ofDays(40));
        store.tagResults().record("A", "tagged", NOW.minusSeconds(3600));
        store.tagResults().record("B", "needs_review", NOW.minusSeconds(3500));
        store.serviceRuns().started(NOW.minusSeconds(1800), "1");
        store.tagResults().record("A", "tagged", NOW.minusSeconds(60)); // tagged again: still one book
        store.tagResults().record("B", "tagged", NOW.minusSeconds(50)); // a re-tag matched it: both
        store.tagResults().record("C", "tag_failed", NOW.minusSeconds(40));
        store.tagResults().record("D", "converted", NOW.minusSeconds(30));

        StatusDocument doc = status.status();

        assertThat(doc.totals().lifetime().tagged()).isEqualTo(2);
        assertThat(doc.totals().lifetime().needsReview()).isEqualTo(1);
        assertThat(doc.totals().session().tagged()).isEqualTo(2);
        assertThat(doc.totals().session().needsReview()).isZero();
        assertThat(status.lifetimeTotals()).isEqualTo(doc.totals().lifetime());
        assertThat(StatusText.totals(doc.totals().lifetime())).contains("; 2 tagged, 1 needing review;");
    }

    @Test
    void withNoRunsTheTimingsAndRateAreUnknown() {
        StatusDocument doc = status.status();

        assertThat(doc.totals().lifetime()).isEqualTo(Totals.NONE);
        assertThat(doc.totals().session()).isEqualTo(Totals.NONE);
        assertThat(doc.service().running()).isFalse();
        assertThat(doc.service().startedAt()).isNull();
        assertThat(doc.stages()).extracting(StatusDocument.Stage::state).containsOnly("unknown");
        assertThat(doc.version()).isEqualTo("9.9.9");
    }

    @Test
    void theSessionHoldsTheRunsSinceTheLatestStart() {
        clock.advance(Duration.ofDays(40));
        run("Before", BookRun.Outcome.CONVERTED, NOW.minusSeconds(3600), 10, 60.0, 1L, null);
        store.serviceRuns().started(NOW.minusSeconds(1800), "1");
        run("After", BookRun.Outcome.CONVERTED, NOW.minusSeconds(60), 40, 60.0, 1L, null);
        run("Failed after", BookRun.Outcome.FAILED, NOW.minusSeconds(30), 40, null, null, "no");

        StatusDocument doc = status.status();

        assertThat(doc.totals().lifetime().converted()).isEqualTo(2);
        assertThat(doc.totals().session().converted()).isEqualTo(1);
        assertThat(doc.totals().session().failed()).isEqualTo(1);
        assertThat(doc.totals().session().successRate()).isEqualTo(0.5);
        assertThat(doc.totals().session().averageSeconds()).isEqualTo(40.0);
    }

    @Test
    void theDailyCountsCoverThirtyUtcDaysOldestFirstWithZeros() {
        clock.advance(Duration.ofDays(40));
        run("Today", BookRun.Outcome.CONVERTED, NOW.minusSeconds(60), 10, 7200.0, 1L, null);
        run("Today too", BookRun.Outcome.PASSED_THROUGH, NOW.minusSeconds(50), 10, 3600.0, 1L, null);
        run("Failed today", BookRun.Outcome.FAILED, NOW.minusSeconds(40), 10, null, null, "x");
        run("Three days ago", BookRun.Outcome.CONVERTED, NOW.minus(Duration.ofDays(3)), 10, 1800.0, 1L, null);
        run("Twenty-nine days ago", BookRun.Outcome.FAILED, NOW.minus(Duration.ofDays(29)), 10, null, null, "x");
        run("Too old", BookRun.Outcome.CONVERTED, NOW.minus(Duration.ofDays(30)), 10, 1800.0, 1L, null);

        List<StatusDocument.DailyCount> daily = status.status().daily();

        assertThat(daily).hasSize(30);
        assertThat(daily.get(0).date()).isEqualTo(LocalDate.parse("2026-02-09"));
        assertThat(daily.get(29).date()).isEqualTo(LocalDate.parse("2026-03-10"));
        assertThat(daily.get(29)).isEqualTo(new StatusDocument.DailyCount(LocalDate.parse("2026-03-10"), 2, 1, 3.0));
        assertThat(daily.get(26)).isEqualTo(new StatusDocument.DailyCount(LocalDate.parse("2026-03-07"), 1, 0, 0.5));
        assertThat(daily.get(0)).isEqualTo(new StatusDocument.DailyCount(LocalDate.parse("2026-02-09"), 0, 1, 0.0));
        assertThat(daily.stream().mapToInt(StatusDocument.DailyCount::converted).sum()).isEqualTo(3);
    }

    @Test
    void theQueueRunsFromConvertingToWaitingThenLongestWaitingFirstAndPages() {
        store.markWaiting("w2", "h");
        clock.advance(Duration.ofSeconds(1));
        store.markWaiting("w1", "h");
        clock.advance(Duration.ofSeconds(1));
        store.claim("pending", "h", EventCause.INTAKE);
        store.claim("converting", "h", EventCause.INTAKE);
        store.transition("converting", JobState.CONVERTING, EventCause.INTAKE, "");
        store.claim("tagging", "h", EventCause.INTAKE);
        store.transition("tagging", JobState.TAGGING, EventCause.INTAKE, "");
        store.claim("retry", "h", EventCause.INTAKE);
        store.recordFailure("retry", ErrorClass.TRANSIENT, "disk busy\nmore lines", clock.instant().plusSeconds(60));
        store.claim("done", "h", EventCause.INTAKE);
        store.markDone("done", "/out/done.m4b");

        Paged<JobSummary> all = status.queue(1, 200);
        Paged<JobSummary> second = status.queue(2, 2);

        assertThat(all.items()).extracting(JobSummary::key)
            .containsExactly("converting", "tagging", "pending", "retry", "w2", "w1");
        assertThat(all.total()).isEqualTo(6);
        assertThat(all.pages()).isEqualTo(1);
        assertThat(second.items()).extracting(JobSummary::key).containsExactly("pending", "retry");
        assertThat(second).extracting(Paged::page, Paged::size, Paged::total, Paged::pages).containsExactly(2, 2, 6L, 3);
        assertThat(status.queue(4, 2).items()).isEmpty();
        JobSummary retry = all.items().get(3);
        assertThat(retry.error()).isEqualTo("disk busy");
        assertThat(retry.nextRetryAt()).isNotNull();
        assertThat(retry.actions()).containsExactly("skip-conversion", "cancel", "delete");
        assertThat(all.items().get(0).actions()).containsExactly("cancel");
        assertThat(status.status().queued()).isEqualTo(6);
        assertThat(status.status().counts()).containsExactly(Map.entry("waiting", 2), Map.entry("pending", 1),
            Map.entry("converting", 1), Map.entry("tagging", 1), Map.entry("retry_scheduled", 1), Map.entry("done", 1),
            Map.entry("failed", 0), Map.entry("skipped", 0), Map.entry("review", 0), Map.entry("cancelled", 0));
        assertThat(status.jobs(Set.of(JobState.DONE, JobState.WAITING), 1, 20).items()).extracting(JobSummary::key)
            .containsExactlyInAnyOrder("done", "w1", "w2");
        assertThat(status.jobs(Set.of(), 1, 3).total()).isEqualTo(7);
    }

    @Test
    void aPageOrSizeOutOfRangeIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> status.queue(0, 20)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("page");
        assertThatThrownBy(() -> status.jobs(Set.of(), 1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> status.audit(1, 201)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
        assertThat(status.audit(1, 200).items()).isEmpty();
    }

    @Test
    void aRunningBookShowsItsProgressWhileItRuns() {
        store.claim("Author/Book", "h", EventCause.INTAKE);
        store.transition("Author/Book", JobState.CONVERTING, EventCause.INTAKE, "");
        store.notes().putProgress(new JobProgress("Author/Book", "encoding", 42.5, 30.0, clock.instant().plusSeconds(90),
            clock.instant()));

        JobSummary running = status.status().inProgress().get(0);

        assertThat(running.name()).isEqualTo("Book");
        assertThat(running.progress()).isEqualTo(new Progress("encoding", 42.5, 30.0, 90L, clock.instant()));
        store.markDone("Author/Book", "/out/Book.m4b");
        assertThat(status.summary("Author/Book").orElseThrow().progress()).as("a finished book has no progress").isNull();
        assertThat(status.summary("nobody")).isEmpty();
    }

    @Test
    void aJobsDetailReadsTheFilesTheStoreNames() throws Exception {
        Path output = Files.createDirectories(root.resolve("converted/Good")).resolve("Good.m4b");
        Files.writeString(output, "m4b");
        Files.writeString(output.resolveSibling("intake.json"), "{\"schema\":1,\"mode\":\"converted\"}");
        store.claim("Good", "h", EventCause.INTAKE);
        store.markDone("Good", output.toString());
        Path failedFolder = Files.createDirectories(root.resolve("failed/Bad"));
        Files.writeString(failedFolder.resolve(FailedBookMover.INFO_FILE), "Why: 02.mp3 is not audio\n");
        store.claim("Bad", "h", EventCause.INTAKE);
        store.recordFailure("Bad", ErrorClass.PERMANENT, "book 'Bad': 02.mp3 is not audio\n    ffmpeg said no", null);
        store.markMovedAway("Bad", failedFolder.toString());
        store.notes().putLogTail("Bad", clock.instant(), "line one\nline two");
        store.notes().putRequest(new JobRequest("Bad", JobRequest.Kind.SKIP_CONVERSION, clock.instant(), "admin"));
        store.audit().record(clock.instant(), "admin", "retry", "Bad", "conflict: failed", null);

        JobDetail good = status.job(JobIds.idOf("Good")).orElseThrow();
        JobDetail bad = status.job(JobIds.idOf("Bad")).orElseThrow();

        assertThat(good.manifest().path("mode").asText()).isEqualTo("converted");
        assertThat(good.failedInfo()).isNull();
        assertThat(good.actions()).containsExactly("reprocess", "tag", "delete");
        assertThat(bad.failedInfo()).isEqualTo("Why: 02.mp3 is not audio\n");
        assertThat(bad.manifest()).isNull();
        assertThat(bad.error()).isEqualTo("book 'Bad': 02.mp3 is not audio");
        assertThat(bad.errorMessage()).contains("ffmpeg said no");
        assertThat(bad.errorClass()).isEqualTo("permanent");
        assertThat(bad.events()).extracting(EventView::to).containsExactly("pending", "failed", "failed");
        assertThat(bad.events().get(0).from()).isNull();
        assertThat(bad.logTail()).containsExactly("line one", "line two");
        assertThat(bad.request()).isEqualTo(new RequestView("skip_conversion", clock.instant(), "admin"));
        assertThat(bad.audit()).singleElement().satisfies(a -> {
            assertThat(a.jobId()).isEqualTo(JobIds.idOf("Bad"));
            assertThat(a.result()).isEqualTo("conflict: failed");
        });
        assertThat(bad.summary().key()).isEqualTo("Bad");
        assertThat(status.job(JobIds.idOf("Unknown"))).isEmpty();
        assertThat(status.job("../Good")).isEmpty();
    }

    @Test
    void theLogTailIsLiveWhileTheBookRunsAndStoredOnceItEnded() {
        org.automb.jobs.BookLogTails tails = new org.automb.jobs.BookLogTails();
        StatusService withTails = new StatusService(store, settings(), clock, "1", StoredStages::unknown, tails);
        store.notes().putLogTail("Book", clock.instant(), "old run");
        store.claim("Book", "h", EventCause.INTAKE);
        store.transition("Book", JobState.CONVERTING, EventCause.INTAKE, "");
        for (int i = 1; i <= 250; i++) {
            tails.append("Book", "line " + i);
        }

        assertThat(withTails.job(JobIds.idOf("Book")).orElseThrow().logTail()).hasSize(200).startsWith("line 51")
            .endsWith("line 250");
        store.markDone("Book", "/out/Book.m4b");
        assertThat(withTails.job(JobIds.idOf("Book")).orElseThrow().logTail()).containsExactly("old run");
    }

    @Test
    void theServiceRunsWhileItsHeartbeatIsFreshAndItHasNotStopped() {
        var run = store.serviceRuns().started(clock.instant(), "1");
        store.serviceRuns().heartbeat(run.id(), clock.instant(), "[{\"name\":\"intake\",\"state\":\"started\"}]");
        clock.advance(Duration.ofSeconds(89));

        StatusDocument alive = status.status();
        clock.advance(Duration.ofSeconds(2));
        StatusDocument silent = status.status();

        assertThat(alive.service().running()).isTrue();
        assertThat(alive.service().uptimeSeconds()).isEqualTo(89L);
        assertThat(alive.stages()).containsExactly(new StatusDocument.Stage("intake", "started"));
        assertThat(silent.service().running()).isFalse();
        assertThat(silent.service().uptimeSeconds()).isNull();
        assertThat(silent.stages()).extracting(StatusDocument.Stage::state).containsOnly("unknown");
        store.serviceRuns().heartbeat(run.id(), clock.instant(), "[]");
        store.serviceRuns().stopped(run.id(), clock.instant());
        assertThat(status.status().service().running()).isFalse();
        assertThat(status.status().stages()).extracting(StatusDocument.Stage::state).containsOnly("stopped");
    }

    @Test
    void aMissingFolderHasUnknownSpace() throws Exception {
        Files.createDirectories(root.resolve("inbox"));

        List<StatusDocument.FolderSpace> folders = status.status().folders();

        assertThat(folders).extracting(StatusDocument.FolderSpace::setting).contains("INBOX_FOLDER", "ARCHIVE_FOLDER");
        StatusDocument.FolderSpace inbox = folders.stream().filter(f -> f.setting().equals("INBOX_FOLDER")).findFirst().orElseThrow();
        StatusDocument.FolderSpace archive = folders.stream().filter(f -> f.setting().equals("ARCHIVE_FOLDER")).findFirst().orElseThrow();
        assertThat(inbox.freeBytes()).isPositive();
        assertThat(inbox.totalBytes()).isGreaterThanOrEqualTo(inbox.freeBytes());
        assertThat(archive.path()).isEqualTo(root.resolve("missing-archive").toString());
        assertThat(archive.freeBytes()).isNull();
        assertThat(archive.totalBytes()).isNull();
        assertThat(status.status().auth().method()).isEqualTo("forms");
    }

    @Test
    void theJsonHasTheContractsNamesIsoTimesAndNulls() throws Exception {
        clock.advance(Duration.ofDays(40));
        run("Author/Book", BookRun.Outcome.CONVERTED, NOW.minusSeconds(60), 10, 60.0, 1L, null);
        store.claim("Author/Book", "h", EventCause.INTAKE);

        JsonNode doc = StatusJson.mapper().valueToTree(status.status());

        assertThat(doc.fieldNames()).toIterable().containsExactly("version", "service", "stages", "counts", "inProgress",
            "totals", "recentConversions", "recentFailures", "queue", "queued", "daily", "folders", "auth",
            "conversion");
        assertThat(doc.path("service").fieldNames()).toIterable()
            .containsExactly("running", "startedAt", "uptimeSeconds", "heartbeatAt");
        assertThat(doc.path("service").get("startedAt").isNull()).isTrue();
        assertThat(doc.path("totals").path("lifetime").fieldNames()).toIterable().containsExactly("converted",
            "passedThrough", "failed", "tagged", "needsReview", "successRate", "averageSeconds", "fastestSeconds", "slowestSeconds", "audioHours",
            "audioBytes");
        JsonNode conversion = doc.path("recentConversions").get(0);
        assertThat(conversion.fieldNames()).toIterable().containsExactly("id", "key", "outcome", "finishedAt",
            "elapsedSeconds", "audioSeconds", "outputBytes", "outputPath", "reason");
        assertThat(conversion.get("finishedAt").asText()).isEqualTo("2026-03-10T11:59:00Z");
        assertThat(conversion.get("reason").isNull()).isTrue();
        assertThat(doc.path("daily").get(0).get("date").asText()).isEqualTo("2026-02-09");
        JsonNode queued = doc.path("queue").get(0);
        assertThat(queued.fieldNames()).toIterable().containsExactly("id", "key", "name", "state", "attempts",
            "updatedAt", "startedAt", "finishedAt", "nextRetryAt", "error", "outputPath", "progress", "actions");
        assertThat(queued.get("state").asText()).isEqualTo("pending");
        assertThat(queued.get("updatedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        JsonNode detail = StatusJson.mapper().valueToTree(status.job(JobIds.idOf("Author/Book")).orElseThrow());
        assertThat(detail.fieldNames()).toIterable().containsExactly("id", "key", "name", "state", "attempts",
            "updatedAt", "startedAt", "finishedAt", "nextRetryAt", "error", "outputPath", "progress", "actions",
            "errorClass", "errorMessage", "contentHash", "manifest", "failedInfo", "events", "logTail", "runs",
            "request", "audit", "deliveries");
    }

    @Test
    void aJobShowsTheDeliveriesOfItsEventsNewestFirstAndNoneOfOtherBooks() {
        store.claim("Author/Book", "h", EventCause.INTAKE);
        store.deliveries().record(new DeliveryRecord(0, NOW.minusSeconds(30), "Author/Book", "failed",
            "ntfys://ntfy.example.org/***", "ntfy", "failed", 5, 503, "ntfy.example.org answered 503"));
        store.deliveries().record(new DeliveryRecord(0, NOW.minusSeconds(20), "Author/Other", "failed",
            "discord://***", "discord", "sent", 1, 204, null));
        store.deliveries().record(new DeliveryRecord(0, NOW.minusSeconds(10), "Author/Book", "failed",
            "/opt/notify.sh", "script", "ok", 1, 0, "told the NAS"));

        List<DeliveryView> deliveries = status.job(JobIds.idOf("Author/Book")).orElseThrow().deliveries();

        assertThat(deliveries).containsExactly(
            new DeliveryView(NOW.minusSeconds(10), "failed", "/opt/notify.sh", "script", "ok", 1, 0, "told the NAS"),
            new DeliveryView(NOW.minusSeconds(30), "failed", "ntfys://ntfy.example.org/***", "ntfy", "failed", 5, 503,
                "ntfy.example.org answered 503"));
    }
}
