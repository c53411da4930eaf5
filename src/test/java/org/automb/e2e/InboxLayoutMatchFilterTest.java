package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.e2e.InboxLayoutsTest.track;

import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.JobState;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/** MATCH_FILTER: only books whose inbox path matches (case-insensitively) are processed; the rest are not touched. */
class InboxLayoutMatchFilterTest extends PipelineTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("MATCH_FILTER", "keeper");
    }

    @Test
    void onlyMatchingBooksAreProcessed() {
        // the books to leave alone land first, so every scan while the matching ones convert has seen them
        drop("Someone Else - Other Book", book -> track(book.resolve("01.mp3"), "Other", 1.0));
        dropFile("Other Loose.mp3", file -> track(file, "Other Loose", 1.0));
        drop("Mixed Bag", folder -> {
            track(folder.resolve("01.mp3"), "Loose", 1.0);
            track(folder.resolve("Inner A/01.mp3"), "A", 1.0);
            track(folder.resolve("Inner B/01.mp3"), "B", 1.0);
        });
        NotifyBuilder done = booksDone(3);
        drop("The Keeper - Book One", book -> {
            track(book.resolve("01.mp3"), "Keeper One", 1.0);
            track(book.resolve("02.mp3"), "Keeper Two", 1.0);
        });
        dropFile("KEEPER Loose.mp3", file -> track(file, "Keeper Loose", 1.0));
        drop("Saga", series -> {
            track(series.resolve("Gatekeeper/01.mp3"), "Gatekeeper", 1.0);
            track(series.resolve("Wanderer/01.mp3"), "Wanderer", 1.0);
        });
        awaitBooks(done);

        assertThat(filesUnder(converted())).containsExactlyInAnyOrder(
            "The Keeper - Book One/The Keeper - Book One.m4b", "The Keeper - Book One/intake.json",
            "KEEPER Loose/KEEPER Loose.m4b", "KEEPER Loose/intake.json",
            "Saga/Gatekeeper/Gatekeeper.m4b", "Saga/Gatekeeper/intake.json");
        assertThat(INSPECT.inspect(converted().resolve("The Keeper - Book One/The Keeper - Book One.m4b")).chapterTitles())
            .containsExactly("Keeper One", "Keeper Two");
        assertThat(filesUnder(archive())).containsExactlyInAnyOrder(
            "The Keeper - Book One/01.mp3", "The Keeper - Book One/02.mp3", "KEEPER Loose/KEEPER Loose.mp3",
            "Saga/Gatekeeper/01.mp3");
        assertThat(filesUnder(inbox())).as("books that do not match stay as they are").containsExactlyInAnyOrder(
            "Someone Else - Other Book/01.mp3", "Other Loose.mp3",
            "Mixed Bag/01.mp3", "Mixed Bag/Inner A/01.mp3", "Mixed Bag/Inner B/01.mp3", "Saga/Wanderer/01.mp3");
        for (String key : List.of("The Keeper - Book One", "KEEPER Loose", "Saga/Gatekeeper")) {
            assertThat(ledger().status(key)).as(key).isEqualTo(JobState.DONE);
        }
        for (String key : List.of("Someone Else - Other Book", "Other Loose", "Mixed Bag", "Saga/Wanderer")) {
            assertThat(ledger().status(key)).as("%s not processed, not even refused", key).isNull();
        }
    }
}
