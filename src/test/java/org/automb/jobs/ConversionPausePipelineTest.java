package org.automb.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.actions.ConversionPause;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * A user's pause through the real pipeline: while paused, a book found in the inbox waits (WAITING) over many inbox
 * passes and nothing is converted; the resume starts it at once. (That the pause outlives a restart is shown on the
 * real store by ConversionGateTest.)
 */
class ConversionPausePipelineTest extends PipelineTestSupport {

    @Test
    void aPausedServiceConvertsNothingUntilResumed() {
        ConversionPause pause = context.getRegistry().lookupByNameAndType("conversionPause", ConversionPause.class);
        pause.pause("tester");
        NotifyBuilder done = booksDone(1);
        drop("Paused Book", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("title", "One")));

        await().atMost(Duration.ofSeconds(30)).until(() -> store().find("Paused Book").map(Job::state).orElse(null),
            state -> state == JobState.WAITING);
        NotifyBuilder passes = new NotifyBuilder(context).fromRoute("scan-inbox").whenDone(5).create();
        assertThat(passes.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(store().find("Paused Book").orElseThrow().state()).as("still waiting after 5 passes")
            .isEqualTo(JobState.WAITING);
        assertThat(converted()).isEmptyDirectory();

        assertThat(pause.resume("tester").paused()).isFalse();
        awaitBooks(done);
        assertThat(store().find("Paused Book").orElseThrow().state()).isEqualTo(JobState.DONE);
        assertThat(converted().resolve("Paused Book/Paused Book.m4b")).isRegularFile();
        assertThat(store().audit().page(0, 10)).extracting(e -> e.action() + " " + e.result())
            .containsExactly("resume resumed", "pause paused");
    }

    private JobStore store() {
        return ledger().store();
    }
}
