package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.JobState;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Only what the attempt read is archived: a sub-book and a file dropped into a book's folder after its files were
 * checked (while its output is delivered) stay in the inbox, and are read after as the books they make there.
 */
class LateArrivalTest extends PipelineTestSupport {

    @Override
    public boolean isUseAdviceWith() {
        return true; // the test acts at one exact step of the finish-book route
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("ON_COMPLETE", "archive");
    }

    @Test
    void aSubBookDroppedDuringDeliveryStaysInTheInboxAndIsConvertedAfter() throws Exception {
        AtomicBoolean dropped = new AtomicBoolean();
        Path lateBook = AUDIO.mp3(staging().resolve("late/Part 2/01 - Bonus.mp3"), 1.0, tags("title", "Bonus"));
        Path lateFile = AUDIO.mp3(staging().resolve("late/03 - Late.mp3"), 1.0, tags("title", "Late"));
        // after the book's files were checked and its output delivered, just before the originals are archived
        AdviceWith.adviceWith(context, "finish-book", route -> route.weaveByToString(".*handleOriginals.*").before()
            .process(exchange -> {
                if (dropped.compareAndSet(false, true)) {
                    Files.move(lateBook.getParent(), inbox().resolve("Saga/Part 2"));
                    Files.move(lateFile, inbox().resolve("Saga/Part 1/03 - Late.mp3"));
                }
            }));
        context.start();

        NotifyBuilder allThree = booksDone(3);
        drop("Saga", saga -> {
            AUDIO.mp3(saga.resolve("Part 1/01 - One.mp3"), 1.0, tags("title", "One"));
            AUDIO.mp3(saga.resolve("Part 1/02 - Two.mp3"), 1.0, tags("title", "Two"));
            AUDIO.image(saga.resolve("cover.jpg"), 200, 200);
        });
        awaitBooks(allThree);

        assertThat(dropped).isTrue();
        assertThat(INSPECT.inspect(converted().resolve("Saga/Saga.m4b")).chapterTitles())
            .as("the book as it was read").containsExactly("One", "Two");
        assertThat(filesUnder(archive().resolve("Saga"))).as("its originals, and only those, archived first")
            .contains("Part 1/01 - One.mp3", "Part 1/02 - Two.mp3", "cover.jpg");
        assertThat(INSPECT.inspect(converted().resolve("Saga/Part 2/Part 2.m4b")).chapterTitles())
            .as("the sub-book dropped late is converted after").containsExactly("Bonus");
        assertThat(INSPECT.inspect(converted().resolve("Saga/Part 1/Part 1.m4b")).chapterTitles())
            .as("so is the file dropped late").containsExactly("Late");
        assertThat(namesUnder(archive())).as("every original archived once, none lost").containsExactlyInAnyOrder(
            "01 - One.mp3", "02 - Two.mp3", "cover.jpg", "03 - Late.mp3", "01 - Bonus.mp3");
        assertThat(filesUnder(inbox())).isEmpty();
        assertThat(filesUnder(failed())).isEmpty();
        for (String key : List.of("Saga", "Saga/Part 1", "Saga/Part 2")) {
            assertThat(ledger().status(key)).as(key).isEqualTo(JobState.DONE);
        }
    }

    @Test
    void aLoneSubBookDroppedDuringDeliveryIsLeftInTheInboxUntouched() throws Exception {
        AtomicBoolean dropped = new AtomicBoolean();
        Path lateBook = AUDIO.mp3(staging().resolve("late/Part 2/01 - Bonus.mp3"), 1.0, tags("title", "Bonus"));
        Map<String, String> lateFiles = FailureFixtures.checksums(lateBook.getParent());
        AdviceWith.adviceWith(context, "finish-book", route -> route.weaveByToString(".*handleOriginals.*").before()
            .process(exchange -> {
                if (dropped.compareAndSet(false, true)) {
                    Files.move(lateBook.getParent(), inbox().resolve("Saga/Part 2"));
                }
            }));
        context.start();

        NotifyBuilder deliveredThenLookedAtAgain = booksDone(2);
        drop("Saga", saga -> AUDIO.mp3(saga.resolve("Part 1/01 - One.mp3"), 1.0, tags("title", "One")));
        awaitBooks(deliveredThenLookedAtAgain);

        assertThat(INSPECT.inspect(converted().resolve("Saga/Saga.m4b")).chapterTitles()).containsExactly("One");
        assertThat(filesUnder(archive())).containsExactly("Saga/Part 1/01 - One.mp3");
        // what is left reads as the book 'Saga' again, whose output exists: skipped as any such book, never lost
        assertThat(FailureFixtures.checksums(inbox().resolve("Saga/Part 2"))).as("left in the inbox, untouched")
            .isEqualTo(lateFiles);
        assertThat(filesUnder(inbox())).containsExactly("Saga/Part 2/01 - Bonus.mp3");
        assertThat(ledger().status("Saga")).isEqualTo(JobState.SKIPPED);
        assertThat(filesUnder(failed())).isEmpty();
    }

    private static List<String> namesUnder(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
