package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.JobState;
import org.automb.testing.M4bInspector.M4bFacts;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * An inbox that sends no file-system events (a network share; here the watch is turned off) is still read: the
 * SLEEP_TIME scan finds the book and starts it once it has been unchanged for WAIT_TIME.
 */
class InboxScanFallbackTest extends PipelineTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("WATCH_INBOX", "N", "SLEEP_TIME", "1", "scan.period", "300", "WAIT_TIME", "1");
    }

    @Test
    void aBookOnAnInboxWithoutEventsIsConvertedByTheScan() {
        assertThat(context.getRouteController().getRouteStatus("watch-inbox")).as("no events come")
            .isNotEqualTo(ServiceStatus.Started);
        NotifyBuilder done = booksDone(1);

        drop("Shared Book", book -> {
            AUDIO.mp3(book.resolve("01 - One.mp3"), 1.0, tags("title", "One"));
            AUDIO.mp3(book.resolve("02 - Two.mp3"), 1.0, tags("title", "Two"));
        });
        awaitBooks(done);

        assertThat(ledger().status("Shared Book")).isEqualTo(JobState.DONE);
        M4bFacts output = INSPECT.inspect(converted().resolve("Shared Book/Shared Book.m4b"));
        assertThat(output.chapterTitles()).containsExactly("One", "Two");
        assertThat(output.durationSeconds()).isCloseTo(2.0, within(0.1));
        assertThat(filesUnder(inbox())).isEmpty();
    }
}
