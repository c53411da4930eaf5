package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.JobState;
import org.automb.testing.LogCapture;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * In the service, a held-back book is told in the log once per change of the book, not on every scan, and is taken
 * as soon as what held it back is gone.
 */
class HeldBackInServiceTest extends PipelineTestSupport {

    @Test
    void aHeldBackBookIsToldOncePerChangeAndConvertedOnceFixed() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            Path book = drop("Looped", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("title", "One")));
            try {
                Files.createSymbolicLink(book.resolve("self"), Path.of("."));
            } catch (UnsupportedOperationException e) {
                assumeThat(false).as("symlinks not supported").isTrue();
            }
            awaitScans(5);
            assertThat(ledger().heldBack()).containsEntry("Looped", "a link inside loops back into the book");
            assertThat(heldBackLines(log)).as("told once, not on every scan").hasSize(1);

            Files.move(AUDIO.mp3(staging().resolve("02.mp3"), 1.0, tags("title", "Two")), book.resolve("02.mp3"));
            await().atMost(Duration.ofSeconds(20)).until(() -> heldBackLines(log).size() == 2);
            awaitScans(3);
            assertThat(heldBackLines(log)).as("told again after the change, once").hasSize(2);

            NotifyBuilder converted = booksDone(1);
            Files.delete(book.resolve("self"));
            awaitBooks(converted);
        }
        assertThat(ledger().status("Looped")).isEqualTo(JobState.DONE);
        assertThat(INSPECT.inspect(converted().resolve("Looped/Looped.m4b")).chapterTitles()).containsExactly("One", "Two");
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger().heldBack().isEmpty());
    }

    private void awaitScans(int scans) {
        NotifyBuilder more = new NotifyBuilder(context).fromRoute("scan-inbox").whenDone(scans).create();
        assertThat(more.matches(20, TimeUnit.SECONDS)).as("%d more scans", scans).isTrue();
    }

    private static List<String> heldBackLines(LogCapture log) {
        return log.messages().stream().filter(m -> m.contains("'Looped' is held back")).toList();
    }
}
