package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.automb.e2e.InboxLayoutsTest.disc;
import static org.automb.e2e.InboxLayoutsTest.track;
import static org.automb.testing.ServiceFiles.scratchLeftIn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.seda.SedaEndpoint;
import org.automb.jobs.store.JobState;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/** Several books of different layouts landing at once all convert, never more than MAX_PARALLEL_BOOKS at a time. */
class InboxLayoutParallelTest extends PipelineTestSupport {

    @Override
    protected Map<String, String> settings() {
        // more cores than books allowed at once, so the limit comes from MAX_PARALLEL_BOOKS and not from CPU_CORES
        return Map.of("CPU_CORES", "4", "MAX_PARALLEL_BOOKS", "2");
    }

    @Test
    void threeBooksDroppedAtOnceAllConvertTwoAtATime() throws Exception {
        assertThat(((SedaEndpoint) context.getRoute("process-book").getEndpoint()).getConcurrentConsumers())
            .as("book workers").isEqualTo(2);

        // everything is built first, then moved into the inbox together, as one copy of several books would land
        Path folderBook = staging().resolve("folder");
        track(folderBook.resolve("01 - North.mp3"), "North", 1.0);
        track(folderBook.resolve("02 - South.mp3"), "South", 1.0);
        track(folderBook.resolve("03 - East.mp3"), "East", 1.0);
        Path discBook = staging().resolve("discs");
        disc(discBook.resolve("CD2"), 2, 1);
        disc(discBook.resolve("CD1"), 1, 2);
        Path looseBook = staging().resolve("Solo Voyage.mp3");
        AUDIO.mp3(looseBook, 3.0, tags("title", "Solo Voyage", "album", "Solo Voyage", "artist", "Ivy Lone"));

        AtomicInteger mostAtOnce = new AtomicInteger();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> mostAtOnce.accumulateAndGet(
            ledger().store().counts().getOrDefault(JobState.CONVERTING, 0), Math::max), 0, 5, TimeUnit.MILLISECONDS);
        try {
            NotifyBuilder done = booksDone(3);
            Files.move(folderBook, inbox().resolve("Compass Points"));
            Files.move(discBook, inbox().resolve("Two Disc Tale"));
            Files.move(looseBook, inbox().resolve("Solo Voyage.mp3"));
            awaitBooks(done);
        } finally {
            sampler.shutdownNow();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        }

        assertThat(mostAtOnce.get()).as("books converting at the same time").isEqualTo(2);
        assertThat(INSPECT.inspect(converted().resolve("Compass Points/Compass Points.m4b")).chapterTitles())
            .containsExactly("North", "South", "East");
        assertThat(INSPECT.inspect(converted().resolve("Two Disc Tale/Two Disc Tale.m4b")).chapterTitles())
            .containsExactly("Disc 1 Track 1", "Disc 1 Track 2", "Disc 2 Track 1");
        assertThat(INSPECT.inspect(converted().resolve("Solo Voyage/Solo Voyage.m4b")).durationSeconds())
            .isCloseTo(3.0, within(0.1));
        for (String key : new String[] {"Compass Points", "Two Disc Tale", "Solo Voyage"}) {
            assertThat(ledger().status(key)).as(key).isEqualTo(JobState.DONE);
            assertThat(INSPECT.inspect(converted().resolve(key + "/" + key + ".m4b")).durationSeconds())
                .as(key).isCloseTo(3.0, within(0.1));
        }
        assertThat(filesUnder(archive())).containsExactlyInAnyOrder(
            "Compass Points/01 - North.mp3", "Compass Points/02 - South.mp3", "Compass Points/03 - East.mp3",
            "Two Disc Tale/CD1/01 - Track.mp3", "Two Disc Tale/CD1/02 - Track.mp3", "Two Disc Tale/CD2/01 - Track.mp3",
            "Solo Voyage/Solo Voyage.mp3");
        assertThat(filesUnder(inbox())).isEmpty();
        assertThat(scratchLeftIn(working())).isEmpty();
    }
}
