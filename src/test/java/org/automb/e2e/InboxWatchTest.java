package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.JobEvent;
import org.automb.jobs.store.JobState;
import org.automb.testing.M4bInspector.M4bFacts;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The inbox watched by events: with a long SLEEP_TIME, a book is found by the file-system events it makes, and starts
 * once it has been unchanged for WAIT_TIME, not at the next scan.
 */
class InboxWatchTest extends PipelineTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(2);

    @Override
    protected Map<String, String> settings() {
        // the timer passes over the inbox at the start, then not for 30 s: only the watch can find a book sooner
        return Map.of("SLEEP_TIME", "30", "scan.period", "30s", "WAIT_TIME", String.valueOf(WAIT.toSeconds()));
    }

    @Test
    void aBookMovedIntoAnIdleServiceIsDoneWellBeforeTheNextScan() throws Exception {
        assertThat(context.getRouteController().getRouteStatus("watch-inbox")).isEqualTo(ServiceStatus.Started);
        Path prepared = staging().resolve("Moved Book");
        AUDIO.mp3(prepared.resolve("01 - One.mp3"), 1.0, tags("title", "One"));
        AUDIO.mp3(prepared.resolve("02 - Two.mp3"), 1.0, tags("title", "Two"));
        NotifyBuilder done = booksDone(1);

        long movedAt = System.nanoTime();
        Files.move(prepared, inbox().resolve("Moved Book"));
        awaitBooks(done);
        Duration took = Duration.ofNanos(System.nanoTime() - movedAt);

        System.out.printf("a two-file book moved into an idle service (SLEEP_TIME=30, WAIT_TIME=%d) was done %.1f s"
            + " after the move%n", WAIT.toSeconds(), took.toMillis() / 1000.0);
        // without the watch the book is seen by the timer's pass at 30 s, and ready only at the one at 60 s
        assertThat(took).as("done well before the next scan").isLessThan(Duration.ofSeconds(25));
        assertThat(ledger().status("Moved Book")).isEqualTo(JobState.DONE);
        M4bFacts output = INSPECT.inspect(converted().resolve("Moved Book/Moved Book.m4b"));
        assertThat(output.chapterTitles()).containsExactly("One", "Two");
        assertThat(output.durationSeconds()).isCloseTo(2.0, within(0.1));
        assertThat(filesUnder(inbox())).isEmpty();
    }

    @Test
    void aBookCopiedInSlowlyStartsOnlyOnceUnchangedForWaitTimeAndIsConvertedWhole() throws Exception {
        Path source = staging().resolve("source");
        List<Path> parts = List.of(AUDIO.mp3(source.resolve("01 - One.mp3"), 3.0, tags("title", "One")),
            AUDIO.mp3(source.resolve("02 - Two.mp3"), 3.0, tags("title", "Two")));
        NotifyBuilder done = booksDone(1);
        Path book = Files.createDirectories(inbox().resolve("Slow Book"));

        // a slow copy: a chunk every 400 ms (more often than WAIT_TIME) for about 4 s; the pauses pace the copy,
        // the test waits on them for nothing
        Path lastWritten = null;
        for (Path part : parts) {
            byte[] bytes = Files.readAllBytes(part);
            Path target = book.resolve(part.getFileName().toString());
            int chunk = bytes.length / 5 + 1;
            for (int from = 0; from < bytes.length; from += chunk) {
                Files.write(target, Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + chunk)),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                assertThat(Optional.ofNullable(ledger().status("Slow Book"))).as("not taken while being copied")
                    .isIn(Optional.empty(), Optional.of(JobState.WAITING));
                Thread.sleep(400);
            }
            lastWritten = target;
        }
        Instant lastWrite = Files.getLastModifiedTime(lastWritten).toInstant();
        awaitBooks(done);

        JobEvent taken = ledger().store().events("Slow Book").stream().filter(e -> e.to() == JobState.PENDING)
            .findFirst().orElseThrow();
        assertThat(taken.at()).as("taken once unchanged for WAIT_TIME").isAfterOrEqualTo(lastWrite.plus(WAIT));
        assertThat(ledger().status("Slow Book")).isEqualTo(JobState.DONE);
        M4bFacts output = INSPECT.inspect(converted().resolve("Slow Book/Slow Book.m4b"));
        assertThat(output.chapterTitles()).as("every part").containsExactly("One", "Two");
        assertThat(output.durationSeconds()).as("the sum of the sources").isCloseTo(6.0, within(0.1));
    }
}
