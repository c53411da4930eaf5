package org.automb.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * CONVERT_SCHEDULE through the real pipeline: a window computed from now, opening some seconds after the service
 * starts (two Quartz crons pinned to a date and a year, so it opens once). A book found before it opens waits,
 * recorded WAITING; it is converted once the window opens, started by the Quartz route convert-window-opens.
 */
class QuietHoursPipelineTest extends PipelineTestSupport {

    /** Long enough for the context to start and the book to be found while the window is still closed. */
    private static final Duration OPENS_AFTER = Duration.ofSeconds(20);

    private Instant opensAt;

    @Override
    protected Map<String, String> settings() {
        if (opensAt == null) {
            opensAt = Instant.now().plus(OPENS_AFTER).truncatedTo(ChronoUnit.SECONDS);
        }
        return Map.of("CONVERT_SCHEDULE", cron(opensAt) + " to " + cron(opensAt.plus(Duration.ofHours(1))));
    }

    private static String cron(Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, ZoneId.systemDefault());
        return local.getSecond() + " " + local.getMinute() + " " + local.getHour() + " " + local.getDayOfMonth() + " "
            + local.getMonthValue() + " ? " + local.getYear();
    }

    @Test
    void aBookFoundOutsideTheWindowWaitsAndIsConvertedWhenItOpens() {
        NotifyBuilder done = booksDone(1);
        NotifyBuilder opened = new NotifyBuilder(context).fromRoute("convert-window-opens").whenDone(1).create();
        drop("Night Book", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("title", "One")));

        await().atMost(Duration.ofSeconds(30)).until(() -> store().find("Night Book").map(Job::state).orElse(null),
            state -> state == JobState.WAITING);
        assertThat(Instant.now()).as("the book was found before the window opened (else the service started too slowly)")
            .isBefore(opensAt);
        assertThat(context.getRegistry().lookupByNameAndType("conversionGate", ConversionGate.class).closedBecause())
            .hasValueSatisfying(reason -> assertThat(reason).startsWith("outside CONVERT_SCHEDULE"));
        assertThat(converted()).isEmptyDirectory();

        awaitBooks(done);
        assertThat(opened.matches(10, java.util.concurrent.TimeUnit.SECONDS)).as("Quartz told the opening").isTrue();
        Job job = store().find("Night Book").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.DONE);
        assertThat(job.startedAt()).as("converted only once the window opened").isAfterOrEqualTo(opensAt);
        assertThat(converted().resolve("Night Book/Night Book.m4b")).isRegularFile();
    }

    private JobStore store() {
        return ledger().store();
    }
}
