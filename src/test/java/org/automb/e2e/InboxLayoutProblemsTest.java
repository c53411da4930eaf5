package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.e2e.InboxLayoutsTest.disc;
import static org.automb.e2e.InboxLayoutsTest.track;
import static org.automb.e2e.InboxLayoutsTest.write;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.automb.jobs.store.JobState;
import org.automb.testing.M4bInspector.M4bFacts;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inbox contents that must not become (or break) books: folders mixing a book's loose files with other books
 * (refused with advice, left intact), operating-system junk, and empty or audio-less folders (left alone).
 */
class InboxLayoutProblemsTest extends PipelineTestSupport {

    private ErrorLog errors;

    @BeforeEach
    void captureErrors() {
        errors = new ErrorLog();
    }

    @AfterEach
    void stopCapturingErrors() {
        errors.close();
    }

    @Test
    void folderMixingLooseAudioWithOtherBooksFailsAndStaysIntact() {
        drop("Mixed Shelf", shelf -> {
            track(shelf.resolve("01 - Loose One.mp3"), "Loose One", 1.0);
            track(shelf.resolve("02 - Loose Two.mp3"), "Loose Two", 1.0);
            track(shelf.resolve("Other Book/01.mp3"), "Other", 1.0);
            track(shelf.resolve("Third Book/01.mp3"), "Third", 1.0);
            AUDIO.image(shelf.resolve("cover.jpg"), 300, 300);
        });
        List<String> mixedFiles = filesUnder(inbox().resolve("Mixed Shelf"));

        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(ledger().status("Mixed Shelf")).isEqualTo(JobState.FAILED));
        assertThat(errors.messages()).as("the log tells the user what is wrong and what to do")
            .anySatisfy(line -> assertThat(line).contains("Mixed Shelf").contains("Other Book").contains("Third Book")
                .containsIgnoringCase("split"));

        // the service carries on: a book dropped afterwards converts, the refused folder is still not touched
        NotifyBuilder done = booksDone(1);
        drop("Good Book", book -> track(book.resolve("01.mp3"), "Good", 1.0));
        awaitBooks(done);

        assertThat(converted().resolve("Good Book/Good Book.m4b")).exists();
        assertThat(filesUnder(converted())).as("nothing of the mixed folder converted")
            .containsExactlyInAnyOrder("Good Book/Good Book.m4b", "Good Book/intake.json");
        assertThat(filesUnder(archive())).containsExactly("Good Book/01.mp3");
        assertThat(filesUnder(failed())).isEmpty();
        assertThat(filesUnder(inbox().resolve("Mixed Shelf"))).as("nothing moved").isEqualTo(mixedFiles);
        assertThat(filesUnder(inbox())).allMatch(file -> file.startsWith("Mixed Shelf/"));
        for (String part : List.of("Mixed Shelf/Other Book", "Mixed Shelf/Third Book", "Other Book", "Third Book")) {
            assertThat(ledger().status(part)).as("no book taken out of the mixed folder: %s", part).isNull();
        }
        assertThat(ledger().status("Mixed Shelf")).isEqualTo(JobState.FAILED);
        assertThat(errors.messages().stream().filter(line -> line.contains("Mixed Shelf")))
            .as("refused once, not on every scan").hasSize(1);
    }

    @Test
    void folderMixingDiscsWithOtherBooksFailsAndSoDoesAMixedSeriesMember() {
        NotifyBuilder done = booksDone(1);
        drop("Disc Muddle", folder -> {
            disc(folder.resolve("Disc 1"), 1, 1);
            disc(folder.resolve("Disc 2"), 2, 1);
            track(folder.resolve("Bonus Novella/01.mp3"), "Bonus", 1.0);
        });
        drop("Saga", series -> {
            track(series.resolve("Book 1/01.mp3"), "Book One", 1.0);
            track(series.resolve("Book 2/01.mp3"), "Book Two Loose", 1.0);
            track(series.resolve("Book 2/Side Story/01.mp3"), "Side Story", 1.0);
        });
        awaitBooks(done);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ledger().status("Disc Muddle")).isEqualTo(JobState.FAILED);
            assertThat(ledger().status("Saga/Book 2")).isEqualTo(JobState.FAILED);
        });

        assertThat(errors.messages()).anySatisfy(line -> assertThat(line).contains("Disc Muddle")
            .contains("Bonus Novella").containsIgnoringCase("split"));
        assertThat(errors.messages()).anySatisfy(line -> assertThat(line).contains("Saga/Book 2")
            .contains("Side Story").containsIgnoringCase("split"));
        // the healthy member of the series still converts, under the series folder
        assertThat(INSPECT.inspect(converted().resolve("Saga/Book 1/Book 1.m4b")).chapterTitles())
            .containsExactly("Book One");
        assertThat(filesUnder(converted())).containsExactlyInAnyOrder("Saga/Book 1/Book 1.m4b", "Saga/Book 1/intake.json");
        assertThat(filesUnder(inbox())).containsExactlyInAnyOrder(
            "Disc Muddle/Disc 1/01 - Track.mp3", "Disc Muddle/Disc 2/01 - Track.mp3", "Disc Muddle/Bonus Novella/01.mp3",
            "Saga/Book 2/01.mp3", "Saga/Book 2/Side Story/01.mp3");
        assertThat(filesUnder(archive())).containsExactly("Saga/Book 1/01.mp3");
    }

    @Test
    void junkIsIgnoredAndNeverBreaksABook() {
        // litter in the inbox root first, then a book full of it
        dropFile(".DS_Store", file -> garbage(file));
        dropFile("Thumbs.db", file -> garbage(file));
        dropFile("desktop.ini", file -> write(file, "[.ShellClassInfo]\r\n"));
        dropFile("._Stray Tale.mp3", file -> garbage(file));
        drop("__MACOSX", folder -> {
            garbage(folder.resolve("._Tidy Book"));
            garbage(folder.resolve("Tidy Book/._01 - One.mp3"));
        });
        drop("@eaDir", folder -> garbage(folder.resolve("Tidy Book/SYNOINDEX_MEDIA_INFO.mp3")));
        NotifyBuilder done = booksDone(1);
        drop("Tidy Book", book -> {
            track(book.resolve("01 - One.mp3"), "One", 1.0);
            track(book.resolve("02 - Two.mp3"), "Two", 2.0);
            garbage(book.resolve("._01 - One.mp3"));
            garbage(book.resolve("._02 - Two.mp3"));
            garbage(book.resolve("._cover.jpg"));
            garbage(book.resolve(".DS_Store"));
            garbage(book.resolve("Thumbs.db"));
            write(book.resolve("desktop.ini"), "[.ShellClassInfo]\r\n");
            garbage(book.resolve("@eaDir/01 - One.mp3@SynoEAStream"));
            garbage(book.resolve("@eaDir/03 - Ghost.mp3"));
            garbage(book.resolve("__MACOSX/._02 - Two.mp3"));
            garbage(book.resolve("__MACOSX/03 - Ghost.mp3"));
        });
        List<String> bookFiles = filesUnder(inbox().resolve("Tidy Book"));
        awaitBooks(done);

        assertThat(ledger().status("Tidy Book")).isEqualTo(JobState.DONE);
        M4bFacts facts = INSPECT.inspect(converted().resolve("Tidy Book/Tidy Book.m4b"));
        assertThat(facts.chapterTitles()).containsExactly("One", "Two");
        assertThat(facts.durationSeconds()).isCloseTo(3.0, org.assertj.core.api.Assertions.within(0.1));
        assertThat(filesUnder(converted())).as("no junk travels beside the output")
            .containsExactlyInAnyOrder("Tidy Book/Tidy Book.m4b", "Tidy Book/intake.json");
        assertThat(filesUnder(archive().resolve("Tidy Book"))).as("nothing lost: the folder is archived whole")
            .isEqualTo(bookFiles);
        assertThat(filesUnder(inbox())).as("root junk is left where it was").containsExactlyInAnyOrder(
            ".DS_Store", "Thumbs.db", "desktop.ini", "._Stray Tale.mp3",
            "__MACOSX/._Tidy Book", "__MACOSX/Tidy Book/._01 - One.mp3", "@eaDir/Tidy Book/SYNOINDEX_MEDIA_INFO.mp3");
        assertThat(ledger().counts()).as("junk never became a book, failed or otherwise")
            .isEqualTo(Map.of(JobState.DONE, 1));
        assertThat(errors.messages()).isEmpty();
    }

    @Test
    void emptyAndAudioLessFoldersAreLeftAloneWhileOtherBooksConvert() throws IOException {
        drop("Empty Folder", folder -> { });
        drop("Only Pictures", folder -> {
            AUDIO.image(folder.resolve("cover.jpg"), 300, 300);
            write(folder.resolve("notes.txt"), "no audio here");
            write(folder.resolve("booklet.pdf"), "%PDF-1.4");
        });
        drop("Hollow Discs", folder -> {
            Files.createDirectories(folder.resolve("Disc 1"));
            Files.createDirectories(folder.resolve("Disc 2/Extras"));
            write(folder.resolve("Disc 2/Extras/readme.txt"), "nothing to play");
        });
        drop("Only Junk", folder -> {
            garbage(folder.resolve("._01.mp3"));
            garbage(folder.resolve(".DS_Store"));
        });
        dropFile("stray notes.txt", file -> write(file, "not a book"));
        NotifyBuilder done = booksDone(1);
        drop("Real Book", book -> {
            track(book.resolve("01.mp3"), "Real One", 1.0);
            track(book.resolve("02.mp3"), "Real Two", 1.0);
        });
        awaitBooks(done);

        assertThat(INSPECT.inspect(converted().resolve("Real Book/Real Book.m4b")).chapterTitles())
            .containsExactly("Real One", "Real Two");
        assertThat(filesUnder(converted())).containsExactlyInAnyOrder("Real Book/Real Book.m4b", "Real Book/intake.json");
        assertThat(filesUnder(archive())).containsExactlyInAnyOrder("Real Book/01.mp3", "Real Book/02.mp3");
        assertThat(filesUnder(inbox())).as("left exactly as they were").containsExactlyInAnyOrder(
            "Only Pictures/cover.jpg", "Only Pictures/notes.txt", "Only Pictures/booklet.pdf",
            "Hollow Discs/Disc 2/Extras/readme.txt", "Only Junk/._01.mp3", "Only Junk/.DS_Store", "stray notes.txt");
        assertThat(inbox().resolve("Empty Folder")).isEmptyDirectory();
        assertThat(inbox().resolve("Hollow Discs/Disc 1")).isEmptyDirectory();
        for (String key : List.of("Empty Folder", "Only Pictures", "Hollow Discs", "Only Junk", "stray notes")) {
            assertThat(ledger().status(key)).as("%s never taken or failed", key).isNull();
        }
        assertThat(errors.messages()).isEmpty();
    }

    // --- helpers ---

    /** Bytes that are no audio: AppleDouble headers, Finder stores and the like. */
    private static void garbage(Path file) {
        try {
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[4096];
            new java.util.Random(file.toString().hashCode()).nextBytes(bytes);
            System.arraycopy(new byte[] {0, 5, 22, 7, 0, 2, 0, 0}, 0, bytes, 0, 8); // AppleDouble magic
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the application logs at ERROR while a test runs: the lines a user would read about a refused folder. */
    private static final class ErrorLog implements AutoCloseable {
        private final List<String> messages = new CopyOnWriteArrayList<>();
        private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
        private final LoggerConfig logger = context.getConfiguration().getLoggerConfig("org.automb");
        private final AbstractAppender appender;

        ErrorLog() {
            appender = new AbstractAppender("layout-errors-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
                @Override
                public void append(LogEvent event) {
                    messages.add(event.getMessage().getFormattedMessage());
                }
            };
            appender.start();
            logger.addAppender(appender, Level.ERROR, null);
            context.updateLoggers();
        }

        List<String> messages() {
            return List.copyOf(messages);
        }

        @Override
        public void close() {
            logger.removeAppender(appender.getName());
            context.updateLoggers();
            appender.stop();
        }
    }
}
