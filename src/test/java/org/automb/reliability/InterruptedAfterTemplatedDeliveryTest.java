package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.automb.jobs.store.EventCause;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * {@link InterruptedAfterDeliveryTest} under an OUTPUT_NAMING template: the output lies where the book's tags named
 * it, not under its key; at the next start it is found by its intake.json and the book is finished.
 */
class InterruptedAfterTemplatedDeliveryTest extends PipelineTestSupport {

    private static final String KEY = "Half Done";
    private static final String PLACE = "Library/Some Author/Half Done Title/Half Done Title.m4b";

    @Override
    protected java.util.Map<String, String> settings() {
        return java.util.Map.of("OUTPUT_NAMING", "Library/{author}/{title}");
    }

    /** Runs before Camel starts: leaves the folders and the job store as the crashed run left them. */
    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties props = super.useOverridePropertiesWithPropertiesComponent();
        try {
            Path book = inbox().resolve(KEY);
            Files.createDirectories(book);
            Path audio = AUDIO.mp3(book.resolve("01 - One.mp3"), 1.0, tags("title", "One"));
            Path output = converted().resolve(PLACE);
            Files.createDirectories(output.getParent());
            Files.writeString(output, "the delivered book");
            Files.writeString(output.resolveSibling("intake.json"), """
                {"schemaVersion": 1, "book": {"key": "%s"}, "output": {"path": "%s"},
                 "sources": [{"file": "01 - One.mp3", "sizeBytes": %d}]}
                """.formatted(KEY, output, Files.size(audio)));
            try (JobStore store = JobStore.open(JobStore.defaultUrl(root().resolve("config")), Clock.systemUTC())) {
                store.claim(KEY, "hash-of-the-interrupted-run", EventCause.INTAKE);
                store.transition(KEY, JobState.CONVERTING, EventCause.INTAKE, "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    @Test
    void aBookDeliveredWhereTheTemplateNamedItJustBeforeACrashIsFinishedAtTheNextStart() {
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger().status(KEY) == JobState.DONE);
        assertThat(filesUnder(archive().resolve(KEY))).containsExactly("01 - One.mp3");
        assertThat(filesUnder(inbox())).isEmpty();
        assertThat(converted().resolve(PLACE)).hasContent("the delivered book");
        assertThat(filesUnder(converted())).containsExactlyInAnyOrder(PLACE,
            "Library/Some Author/Half Done Title/intake.json");
        assertThat(ledger().store().events(KEY)).extracting(e -> e.cause()).contains(EventCause.STARTUP);
    }
}
