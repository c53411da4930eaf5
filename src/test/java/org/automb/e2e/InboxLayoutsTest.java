package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.automb.testing.ServiceFiles.scratchLeftIn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.JobState;
import org.automb.testing.M4bInspector.M4bFacts;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The inbox layouts that become books: a loose file in the inbox root, multi-disc folders, a folder that only wraps
 * the real book folder, and a series folder of books. Each test checks what the user sees: where the m4b lands,
 * its chapters in play order, and that the originals moved to the archive with nothing left behind or lost.
 */
class InboxLayoutsTest extends PipelineTestSupport {

    @Test
    void looseFileInInboxRootIsItsOwnBookTakingOnlyItsSameStemCompanions() throws Exception {
        NotifyBuilder done = booksDone(2);
        // companions and strangers first: the book is taken as soon as its audio is seen
        dropFile("Lonely Road.jpg", file -> AUDIO.image(file, 400, 400));
        dropFile("Lonely Road.txt", file -> write(file, "about the road"));
        dropFile("Lonely Road (sample).jpg", file -> AUDIO.image(file, 300, 300));
        dropFile("cover.jpg", file -> AUDIO.image(file, 300, 300));
        dropFile("Lonely Road.mp3", file -> AUDIO.mp3(file, 2.0,
            tags("title", "Lonely Road", "artist", "Ann Walker", "album", "Lonely Road")));
        dropFile("Quick Tale.mp3", file -> AUDIO.mp3(file, 1.0,
            tags("title", "Quick Tale", "artist", "Bo Short", "album", "Quick Tale")));
        awaitBooks(done);

        Path output = converted().resolve("Lonely Road/Lonely Road.m4b");
        M4bFacts facts = INSPECT.inspect(output);
        assertThat(facts.durationSeconds()).isCloseTo(2.0, within(0.1));
        assertThat(facts.chapterTitles()).containsExactly("Lonely Road");
        assertThat(facts.tags()).containsEntry("artist", "Ann Walker").containsEntry("album", "Lonely Road");
        assertThat(facts.hasCover()).as("same-stem image embedded as cover").isTrue();
        assertThat(filesUnder(converted().resolve("Lonely Road")))
            .containsExactlyInAnyOrder("Lonely Road.m4b", "Lonely Road.jpg", "Lonely Road.txt", "intake.json");
        assertThat(filesUnder(archive().resolve("Lonely Road")))
            .containsExactlyInAnyOrder("Lonely Road.mp3", "Lonely Road.jpg", "Lonely Road.txt");

        Path quick = converted().resolve("Quick Tale/Quick Tale.m4b");
        assertThat(INSPECT.inspect(quick).durationSeconds()).isCloseTo(1.0, within(0.1));
        assertThat(INSPECT.inspect(quick).hasCover()).as("no image of its own: strangers are not its cover").isFalse();
        assertThat(filesUnder(converted().resolve("Quick Tale"))).containsExactlyInAnyOrder("Quick Tale.m4b", "intake.json");
        assertThat(filesUnder(archive().resolve("Quick Tale"))).containsExactly("Quick Tale.mp3");

        assertThat(filesUnder(inbox())).as("images of another stem stay in the inbox")
            .containsExactlyInAnyOrder("Lonely Road (sample).jpg", "cover.jpg");
        assertThat(ledger().status("Lonely Road")).isEqualTo(JobState.DONE);
        assertThat(ledger().status("Quick Tale")).isEqualTo(JobState.DONE);
        assertThat(scratchLeftIn(working())).isEmpty();
    }

    @Test
    void discFoldersOfEveryNamingStyleAreOneBookInDiscOrder() {
        NotifyBuilder done = booksDone(1);
        // track numbers and file names restart on every disc; folder names sort differently as plain text
        drop("Long Saga", book -> {
            disc(book.resolve("Long Saga - Disc 5"), 5, 2);
            disc(book.resolve("Disc 3 of 5"), 3, 2);
            disc(book.resolve("CD2"), 2, 2);
            disc(book.resolve("disk 4"), 4, 2);
            disc(book.resolve("Disc 1"), 1, 2);
        });
        awaitBooks(done);

        Path output = converted().resolve("Long Saga/Long Saga.m4b");
        M4bFacts facts = INSPECT.inspect(output);
        assertThat(facts.chapterTitles()).containsExactly(
            "Disc 1 Track 1", "Disc 1 Track 2", "Disc 2 Track 1", "Disc 2 Track 2", "Disc 3 Track 1",
            "Disc 3 Track 2", "Disc 4 Track 1", "Disc 4 Track 2", "Disc 5 Track 1", "Disc 5 Track 2");
        assertThat(facts.durationSeconds()).isCloseTo(10.0, within(0.15));
        assertChaptersBackToBack(facts, 1.0);
        assertThat(filesUnder(converted())).containsExactlyInAnyOrder("Long Saga/Long Saga.m4b", "Long Saga/intake.json");
        assertThat(filesUnder(archive().resolve("Long Saga"))).containsExactlyInAnyOrder(
            "Disc 1/01 - Track.mp3", "Disc 1/02 - Track.mp3", "CD2/01 - Track.mp3", "CD2/02 - Track.mp3",
            "Disc 3 of 5/01 - Track.mp3", "Disc 3 of 5/02 - Track.mp3", "disk 4/01 - Track.mp3", "disk 4/02 - Track.mp3",
            "Long Saga - Disc 5/01 - Track.mp3", "Long Saga - Disc 5/02 - Track.mp3");
        assertThat(filesUnder(inbox())).isEmpty();
        assertThat(ledger().status("Long Saga")).isEqualTo(JobState.DONE);
    }

    @Test
    void discTenPlaysAfterDiscTwo() {
        NotifyBuilder done = booksDone(1);
        drop("Ten Discs", book -> {
            disc(book.resolve("Disc 10"), 10, 2);
            disc(book.resolve("Disc 2"), 2, 2);
            disc(book.resolve("Disc 1"), 1, 2);
        });
        awaitBooks(done);

        M4bFacts facts = INSPECT.inspect(converted().resolve("Ten Discs/Ten Discs.m4b"));
        assertThat(facts.chapterTitles()).containsExactly("Disc 1 Track 1", "Disc 1 Track 2", "Disc 2 Track 1",
            "Disc 2 Track 2", "Disc 10 Track 1", "Disc 10 Track 2");
        assertThat(facts.durationSeconds()).isCloseTo(6.0, within(0.1));
        assertThat(filesUnder(archive().resolve("Ten Discs"))).hasSize(6);
        assertThat(filesUnder(inbox())).isEmpty();
    }

    @Test
    void folderThatOnlyWrapsOneBookFolderIsThatBook() {
        NotifyBuilder done = booksDone(3);
        drop("Outer Wrapper", top -> {
            AUDIO.image(top.resolve("cover.jpg"), 400, 400);
            Path inner = top.resolve("The Actual Book");
            track(inner.resolve("01 - Start.mp3"), "Start", 1.0);
            track(inner.resolve("02 - Finish.mp3"), "Finish", 1.0);
        });
        drop("Deep Wrapper", top -> {
            Path inner = top.resolve("Level One/Level Two");
            track(inner.resolve("01.mp3"), "Deep One", 1.0);
            track(inner.resolve("02.mp3"), "Deep Two", 1.0);
        });
        drop("Boxed Discs", top -> {
            Path inner = top.resolve("Boxed Discs (Unabridged)");
            disc(inner.resolve("CD 2"), 2, 1);
            disc(inner.resolve("CD 1"), 1, 1);
        });
        awaitBooks(done);

        M4bFacts wrapped = INSPECT.inspect(converted().resolve("Outer Wrapper/Outer Wrapper.m4b"));
        assertThat(wrapped.chapterTitles()).containsExactly("Start", "Finish");
        assertThat(wrapped.hasCover()).as("the wrapper's cover.jpg belongs to the book").isTrue();
        assertThat(filesUnder(converted().resolve("Outer Wrapper")))
            .containsExactlyInAnyOrder("Outer Wrapper.m4b", "cover.jpg", "intake.json");
        assertThat(filesUnder(archive().resolve("Outer Wrapper"))).containsExactlyInAnyOrder(
            "cover.jpg", "The Actual Book/01 - Start.mp3", "The Actual Book/02 - Finish.mp3");

        assertThat(INSPECT.inspect(converted().resolve("Deep Wrapper/Deep Wrapper.m4b")).chapterTitles())
            .containsExactly("Deep One", "Deep Two");
        assertThat(filesUnder(archive().resolve("Deep Wrapper")))
            .containsExactlyInAnyOrder("Level One/Level Two/01.mp3", "Level One/Level Two/02.mp3");

        assertThat(INSPECT.inspect(converted().resolve("Boxed Discs/Boxed Discs.m4b")).chapterTitles())
            .containsExactly("Disc 1 Track 1", "Disc 2 Track 1");

        assertThat(filesUnder(converted())).as("one output per wrapper, keyed by the top folder").containsExactlyInAnyOrder(
            "Outer Wrapper/Outer Wrapper.m4b", "Outer Wrapper/cover.jpg", "Outer Wrapper/intake.json",
            "Deep Wrapper/Deep Wrapper.m4b", "Deep Wrapper/intake.json",
            "Boxed Discs/Boxed Discs.m4b", "Boxed Discs/intake.json");
        for (String key : new String[] {"Outer Wrapper", "Deep Wrapper", "Boxed Discs"}) {
            assertThat(ledger().status(key)).as(key).isEqualTo(JobState.DONE);
        }
        assertThat(filesUnder(inbox())).isEmpty();
    }

    @Test
    void seriesFolderYieldsOneBookPerSubfolderKeptUnderTheSeries() {
        NotifyBuilder done = booksDone(3);
        drop("The Saga", series -> {
            track(series.resolve("01 - First Steps/01 - Dawn.mp3"), "Dawn", 1.0);
            track(series.resolve("01 - First Steps/02 - Dusk.mp3"), "Dusk", 1.0);
            track(series.resolve("Book 2/01.mp3"), "Second Coming", 2.0);
            AUDIO.image(series.resolve("Book 2/cover.jpg"), 400, 400);
            disc(series.resolve("Vol. 3/Disc 2"), 2, 1);
            disc(series.resolve("Vol. 3/Disc 1"), 1, 1);
        });
        awaitBooks(done);

        M4bFacts first = INSPECT.inspect(converted().resolve("The Saga/01 - First Steps/01 - First Steps.m4b"));
        assertThat(first.chapterTitles()).containsExactly("Dawn", "Dusk");
        assertThat(first.durationSeconds()).isCloseTo(2.0, within(0.1));
        M4bFacts second = INSPECT.inspect(converted().resolve("The Saga/Book 2/Book 2.m4b"));
        assertThat(second.chapterTitles()).containsExactly("Second Coming");
        assertThat(second.hasCover()).isTrue();
        M4bFacts third = INSPECT.inspect(converted().resolve("The Saga/Vol. 3/Vol. 3.m4b"));
        assertThat(third.chapterTitles()).containsExactly("Disc 1 Track 1", "Disc 2 Track 1");

        assertThat(filesUnder(converted())).containsExactlyInAnyOrder(
            "The Saga/01 - First Steps/01 - First Steps.m4b", "The Saga/01 - First Steps/intake.json",
            "The Saga/Book 2/Book 2.m4b", "The Saga/Book 2/cover.jpg", "The Saga/Book 2/intake.json",
            "The Saga/Vol. 3/Vol. 3.m4b", "The Saga/Vol. 3/intake.json");
        assertThat(filesUnder(archive())).containsExactlyInAnyOrder(
            "The Saga/01 - First Steps/01 - Dawn.mp3", "The Saga/01 - First Steps/02 - Dusk.mp3",
            "The Saga/Book 2/01.mp3", "The Saga/Book 2/cover.jpg",
            "The Saga/Vol. 3/Disc 1/01 - Track.mp3", "The Saga/Vol. 3/Disc 2/01 - Track.mp3");
        assertThat(filesUnder(inbox())).isEmpty();
        for (String key : new String[] {"The Saga/01 - First Steps", "The Saga/Book 2", "The Saga/Vol. 3"}) {
            assertThat(ledger().status(key)).as(key).isEqualTo(JobState.DONE);
        }
        assertThat(ledger().status("The Saga")).as("the series itself is no book").isNull();
    }

    // --- helpers ---

    /** One disc folder of {@code tracks} one-second files named "01 - Track.mp3"..., titled "Disc d Track t". */
    static void disc(Path folder, int disc, int tracks) {
        for (int t = 1; t <= tracks; t++) {
            track(folder.resolve(String.format("%02d - Track.mp3", t)), "Disc " + disc + " Track " + t, 1.0);
        }
    }

    static Path track(Path file, String title, double seconds) {
        return AUDIO.mp3(file, seconds, tags("title", title, "artist", "Test Author", "album", "Test Album"));
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each chapter starts where the previous one ended, every one {@code seconds} long. */
    static void assertChaptersBackToBack(M4bFacts facts, double seconds) {
        for (int i = 0; i < facts.chapters().size(); i++) {
            assertThat(facts.chapters().get(i).start()).as("start of chapter %d", i + 1)
                .isCloseTo(i * seconds, within(0.03));
        }
    }
}
