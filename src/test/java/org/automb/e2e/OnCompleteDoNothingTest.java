package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.io.Sha256;
import org.automb.jobs.store.JobState;
import org.automb.testing.LogCapture;
import org.junit.jupiter.api.Test;

/** ON_COMPLETE=test_do_nothing: the originals stay in the inbox untouched, and the book is converted once, not on every scan. */
class OnCompleteDoNothingTest extends OriginalsTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("ON_COMPLETE", "test_do_nothing");
    }

    @Test
    void originalsStayAndTheBookIsNotConvertedAgain() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            NotifyBuilder done = booksDone(2);
            dropBook("Folder Book", folder -> {
                AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags());
                AUDIO.mp3(folder.resolve("02.mp3"), 1.0, tags());
            });
            dropLoose("Loose Book.mp3", file -> AUDIO.mp3(file, 1.0, tags()));
            awaitBooks(done);

            assertOutput("Folder Book", 2.0);
            assertOutput("Loose Book", 1.0);
            assertOriginalsIn("Folder Book", inbox().resolve("Folder Book"));
            assertOriginalsIn("Loose Book", inbox());
            assertThat(filesUnder(archive())).isEmpty();
            String outputSha = Sha256.of(outputOf("Folder Book"));
            FileTime outputTime = Files.getLastModifiedTime(outputOf("Folder Book"));

            // many scans later (one touching the files, as a sync tool might), nothing was taken again
            NotifyBuilder again = new NotifyBuilder(context).fromRoute("process-book").whenDone(1).create();
            NotifyBuilder scans = new NotifyBuilder(context).fromRoute("scan-inbox").whenDone(10).create();
            Files.setLastModifiedTime(inbox().resolve("Folder Book/01.mp3"), FileTime.from(Instant.now()));
            assertThat(scans.matches(30, TimeUnit.SECONDS)).as("scans go on").isTrue();
            assertThat(again.matches()).as("no book processed again").isFalse();

            assertThat(ledger().status("Folder Book")).isEqualTo(JobState.DONE);
            assertThat(ledger().status("Loose Book")).isEqualTo(JobState.DONE);
            assertThat(Sha256.of(outputOf("Folder Book"))).isEqualTo(outputSha);
            assertThat(Files.getLastModifiedTime(outputOf("Folder Book"))).isEqualTo(outputTime);
            assertThat(log.messages().stream().filter(m -> m.startsWith("book 'Folder Book': started"))).hasSize(1);
            assertThat(log.messages()).noneMatch(m -> m.contains("skipped"));
            assertOriginalsIn("Folder Book", inbox().resolve("Folder Book"));
        }
    }
}
