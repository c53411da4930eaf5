package org.automb.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.JobState;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The real pipeline feeds the status: a converted book's run (audio seconds, bytes, wall time), its log tail and
 * manifest; a failed book's run with its reason and its FAILED_INFO.txt; the service's run and stages; the live
 * events of every state change.
 */
class StatusPipelineTest extends PipelineTestSupport {

    @Test
    void aConvertedAndAFailedBookAsTheStatusShowsThem() throws Exception {
        StatusService status = context.getRegistry().lookupByNameAndType("statusService", StatusService.class);
        LiveEvents live = context.getRegistry().lookupByNameAndType("liveEvents", LiveEvents.class);
        List<LiveEvent> events = new CopyOnWriteArrayList<>();
        live.subscribe(events::add);
        live.subscribe(event -> {
            throw new IllegalStateException("a failing subscriber must not stop the others or the book");
        });

        NotifyBuilder done = booksDone(3);
        drop("Good Book", folder -> {
            AUDIO.mp3(folder.resolve("01 - One.mp3"), 2.0, tags("title", "One", "album", "Good Book"));
            AUDIO.mp3(folder.resolve("02 - Two.mp3"), 2.0, tags("title", "Two", "album", "Good Book"));
        });
        drop("Bad Book", folder -> {
            AUDIO.mp3(folder.resolve("01 - Fine.mp3"), 1.0, tags());
            noise(folder.resolve("02 - Noise.mp3"));
        });
        drop("Ready Made", folder -> AUDIO.aac(folder.resolve("Ready Made.m4b"), 2.0, 22050, 1, tags("album", "Ready Made")));
        awaitBooks(done);

        JobDetail good = status.job(JobIds.idOf("Good Book")).orElseThrow();
        Path output = converted().resolve("Good Book/Good Book.m4b");
        assertThat(good.state()).isEqualTo("done");
        assertThat(good.outputPath()).isEqualTo(output.toString());
        assertThat(good.runs()).singleElement().satisfies(run -> {
            assertThat(run.outcome()).isEqualTo("converted");
            assertThat(run.audioSeconds()).isCloseTo(4.0, within(0.2));
            assertThat(run.outputBytes()).isEqualTo(Files.size(output));
            assertThat(run.elapsedSeconds()).isPositive();
        });
        assertThat(good.manifest().path("output").path("path").asText()).isEqualTo(output.toString());
        assertThat(good.logTail()).as("the lines logged for the book").isNotEmpty().hasSizeLessThanOrEqualTo(200)
            .allMatch(line -> !line.contains("Bad Book")).anyMatch(line -> line.contains("Good Book"));
        assertThat(good.actions()).containsExactly("reprocess", "tag", "delete");

        JobDetail bad = status.job(JobIds.idOf("Bad Book")).orElseThrow();
        assertThat(bad.state()).isEqualTo("failed");
        assertThat(bad.runs()).singleElement().satisfies(run -> {
            assertThat(run.outcome()).isEqualTo("failed");
            assertThat(run.reason()).contains("02 - Noise.mp3");
            assertThat(run.outputPath()).startsWith(failed().toString());
        });
        assertThat(bad.failedInfo()).contains("02 - Noise.mp3");
        assertThat(bad.logTail()).isNotEmpty();
        // the book's own log lines are kept beside it in the failed folder, the give-up line included, no other book's
        Path badLog = Path.of(bad.runs().get(0).outputPath()).resolve(org.automb.deliver.FailedBookMover.LOG_FILE);
        assertThat(Files.readAllLines(badLog)).isNotEmpty().allMatch(line -> !line.contains("Good Book"))
            .anyMatch(line -> line.contains("02 - Noise.mp3")).anyMatch(line -> line.contains("gave up"));

        JobDetail ready = status.job(JobIds.idOf("Ready Made")).orElseThrow();
        assertThat(ready.runs()).singleElement().satisfies(run -> {
            assertThat(run.outcome()).isEqualTo("passed_through");
            assertThat(run.audioSeconds()).isCloseTo(2.0, within(0.2));
            assertThat(run.outputBytes()).isEqualTo(Files.size(Path.of(ready.outputPath())));
        });

        StatusDocument doc = status.status();
        assertThat(doc.service().running()).isTrue();
        assertThat(doc.stages()).contains(new StatusDocument.Stage("conversion", "started"),
            new StatusDocument.Stage("intake", "started"));
        assertThat(doc.totals().session().converted()).isEqualTo(1);
        assertThat(doc.totals().session().passedThrough()).isEqualTo(1);
        assertThat(doc.totals().session().failed()).isEqualTo(1);
        assertThat(doc.recentFailures()).extracting(RunView::key).containsExactly("Bad Book");
        assertThat(status.jobs(Set.of(JobState.FAILED), 1, 20).items()).extracting(JobSummary::key)
            .containsExactly("Bad Book");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events.stream()
            .filter(e -> e.type().equals(LiveEvent.JOB)).map(e -> (JobSummary) e.data())
            .filter(job -> job.key().equals("Good Book")).map(JobSummary::state))
            .contains("pending", "converting", "done"));
        assertThat(events).filteredOn(e -> e.type().equals(LiveEvent.JOB)).map(e -> ((JobSummary) e.data()).state())
            .contains("failed");
    }

    private static void noise(Path file) {
        byte[] bytes = new byte[30_000];
        new Random(30_000).nextBytes(bytes);
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
