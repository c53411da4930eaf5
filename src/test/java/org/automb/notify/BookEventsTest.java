package org.automb.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.automb.attempt.BookAttempt;
import org.automb.failure.PermanentFailure;
import org.automb.intake.Book;
import org.automb.intake.BookFingerprint;
import org.automb.intake.TakenBook;
import org.automb.jobs.BookLedger;
import org.automb.jobs.store.JobStore;
import org.automb.media.AudioSource;
import org.automb.metadata.AudibleProduct;
import org.automb.metadata.MetadataMatch;
import org.automb.metadata.Region;
import org.automb.plan.BookTags;
import org.automb.plan.Chapter;
import org.automb.plan.CodecDecision;
import org.automb.plan.ConversionPlan;
import org.automb.steps.FailureVerdict;
import org.automb.tagging.TagJob;
import org.automb.tagging.TagOutcome;
import org.automb.tagging.TagState;
import org.automb.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The events of a book, made from an attempt, a failure, a tag job or a review decision, with a real job store. */
class BookEventsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T20:00:00Z");
    private static final String KEY = "Ann Leckie/Ancillary Justice";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private JobStore store;
    private BookLedger ledger;
    private BookEvents events;
    private Book book;

    @BeforeEach
    void open() throws Exception {
        store = JobStore.open(JobStore.defaultUrl(dir.resolve("config")), clock);
        ledger = new BookLedger(store, clock);
        Path folder = Files.createDirectories(dir.resolve("inbox").resolve(KEY));
        book = new Book(KEY, "Ancillary Justice", folder, List.of(folder.resolve("01.mp3"), folder.resolve("02.mp3")),
            List.of(), false);
        events = new BookEvents(clock, store, dir.resolve("inbox"), dir.resolve("review"), 2);
        ledger.claim(KEY, "hash");
        ledger.startConverting(KEY);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aConvertedBookCarriesItsTagsFileSourceAndTimeTaken() throws Exception {
        BookAttempt attempt = deliveredAttempt(dir.resolve("converted").resolve(KEY), Optional.empty());
        clock.advance(Duration.ofSeconds(125));

        NotifyEvent event = events.converted(attempt);

        assertThat(event.type()).isEqualTo(EventType.BOOK_CONVERTED);
        assertThat(event.id()).hasSize(36);
        assertThat(event.at()).isEqualTo(T0.plusSeconds(125));
        assertThat(event.title()).isEqualTo("Converted: Ancillary Justice");
        assertThat(event.message()).isEqualTo("By Ann Leckie, Bob Smith\nRead by Celeste Ciulla\nDuration: 1 h 00 min\n"
            + "Size: 2.0 MB\nTook: 2 min 05 s\nSaved to " + attempt.finalOutput());
        assertThat(event.key()).isEqualTo(KEY);
        assertThat(event.book()).isEqualTo(new NotifyEvent.BookInfo("Ancillary Justice", null,
            List.of("Ann Leckie", "Bob Smith"), List.of("Celeste Ciulla"), null, null, null, 3600.0, 2));
        assertThat(event.file()).isEqualTo(new NotifyEvent.BookFile(attempt.finalOutput().toString(), 2_000_000, 64, "aac"));
        assertThat(event.source()).isEqualTo(new NotifyEvent.BookSource(KEY, book.folder().toString(),
            List.of("01.mp3", "02.mp3")));
        assertThat(event.took()).isEqualTo(Duration.ofSeconds(125));
        assertThat(event.error()).isNull();
        assertThat(event.nextRetryAt()).isNull();
        assertThat(event.attempt()).isEqualTo(1);
    }

    @Test
    void aMatchedBookIsDescribedByItsMatchAndOneWithoutSureMatchAlsoNeedsReview() throws Exception {
        BookAttempt attempt = deliveredAttempt(dir.resolve("converted").resolve(KEY), Optional.of(product()));
        NotifyEvent converted = events.converted(attempt);
        assertThat(converted.book()).isEqualTo(new NotifyEvent.BookInfo("Ancillary Justice", "Imperial Radch, Book 1",
            List.of("Ann Leckie"), List.of("Celeste Ciulla"), "Imperial Radch", "1", "B00BAXFECK", 3600.0, 2));
        assertThat(events.taggedNeedsReview(attempt)).isFalse();
        assertThat(events.inReview(attempt)).isFalse();

        BookAttempt unsure = deliveredAttempt(dir.resolve("converted").resolve(KEY), Optional.empty());
        unsure.tagging(new TagOutcome(TagState.NEEDS_REVIEW, Optional.empty(), Optional.empty(), List.of(), List.of(),
            false, List.of(), false, ""));
        assertThat(events.taggedNeedsReview(unsure)).isTrue();
        NotifyEvent review = events.needsReview(unsure);
        assertThat(review.type()).isEqualTo(EventType.BOOK_NEEDS_REVIEW);
        assertThat(review.title()).isEqualTo("Needs review: Ancillary Justice");
        assertThat(review.message()).startsWith("No sure match on Audible");
        assertThat(review.file()).as("delivered: its file is in the library").isNotNull();
    }

    @Test
    void aBookInTheReviewFolderNeedsReviewAndHasNoFileYet() throws Exception {
        BookAttempt attempt = deliveredAttempt(dir.resolve("review").resolve(KEY), Optional.empty());
        assertThat(events.inReview(attempt)).isTrue();

        NotifyEvent event = events.needsReview(attempt);

        assertThat(event.type()).isEqualTo(EventType.BOOK_NEEDS_REVIEW);
        assertThat(event.message()).startsWith("Waiting in the review folder");
        assertThat(event.file()).isNull();
        assertThat(event.book().title()).isEqualTo("Ancillary Justice");
    }

    @Test
    void aStartedAttemptIsNumberedByTheFailedOnesBeforeIt() {
        BookAttempt attempt = new BookAttempt(book, dir.resolve("work"), clock.instant());
        TakenBook taken = new TakenBook(book, BookFingerprint.of(book));

        NotifyEvent first = events.started(taken, attempt);
        assertThat(first.type()).isEqualTo(EventType.BOOK_STARTED);
        assertThat(first.title()).isEqualTo("Started: Ancillary Justice");
        assertThat(first.message()).isEqualTo("Attempt 1 of 3 (2 audio files)");
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.file()).isNull();

        ledger.recordFailure(KEY, true, "book '" + KEY + "': cannot prepare the working folder", T0.plusSeconds(30));
        assertThat(events.started(taken, attempt).attempt()).as("that attempt failed already").isEqualTo(1);
        ledger.retrying(KEY, 2);
        assertThat(events.started(taken, attempt).attempt()).isEqualTo(2);
    }

    @Test
    void aRetryCarriesTheErrorAndWhenItIsDue() {
        Instant due = T0.plusSeconds(30);
        ledger.recordFailure(KEY, true, "book '" + KEY + "': cannot prepare the working folder\n    details", due);
        TakenBook taken = new TakenBook(book, BookFingerprint.of(book));

        NotifyEvent event = events.retryScheduled(taken, FailureVerdict.retry(1, due), new RuntimeException("x"));

        assertThat(event.type()).isEqualTo(EventType.BOOK_RETRY_SCHEDULED);
        assertThat(event.title()).isEqualTo("Retry scheduled: Ancillary Justice");
        assertThat(event.message()).isEqualTo("book '" + KEY + "': cannot prepare the working folder\n"
            + "Attempt 1 of 3 failed; tried again at 2026-12-05 20:00:30");
        assertThat(event.error()).isEqualTo("book '" + KEY + "': cannot prepare the working folder\n    details");
        assertThat(event.nextRetryAt()).isEqualTo(due);
        assertThat(event.attempt()).isEqualTo(1);
    }

    @Test
    void aFailureForGoodSaysWhyHowOftenAndWhereTheBookWent() {
        PermanentFailure error = new PermanentFailure(KEY, book.audioFiles().get(0), "ffprobe cannot read the file", "");
        ledger.recordFailure(KEY, false, error.userMessage(), null);
        ledger.movedAway(KEY, "/failed/Ancillary Justice_2026");
        ledger.failedForGood(KEY);
        TakenBook taken = new TakenBook(book, BookFingerprint.of(book));

        NotifyEvent event = events.failed(taken, error);

        assertThat(event.type()).isEqualTo(EventType.BOOK_FAILED);
        assertThat(event.title()).isEqualTo("Failed: Ancillary Justice");
        assertThat(event.error()).isEqualTo(error.userMessage()).contains("ffprobe cannot read the file");
        assertThat(event.message()).isEqualTo(error.userMessage() + "\nGave up after 1 attempt\n"
            + "Moved to /failed/Ancillary Justice_2026");
        assertThat(event.attempt()).isEqualTo(1);
        assertThat(event.source().files()).containsExactly("01.mp3", "02.mp3");
        assertThat(events.failed(null, error)).as("no book, nothing to announce").isNull();
    }

    @Test
    void aFailedBookLeftInTheInboxIsNotSaidToBeMovedToAnEarlierOutput() {
        ledger.done(KEY, "/converted/" + KEY + "/Ancillary Justice.m4b");
        ledger.claim(KEY, "hash2");
        ledger.startConverting(KEY);
        ledger.recordFailure(KEY, false, "book '" + KEY + "': bad", null);
        ledger.failedForGood(KEY);

        NotifyEvent event = events.failed(new TakenBook(book, BookFingerprint.of(book)), null);

        assertThat(event.message()).isEqualTo("book '" + KEY + "': bad\nGave up after 1 attempt\n"
            + "Its files stay in the inbox as they are");
    }

    @Test
    void theTagQueueAnnouncesTheMatchWithTheFileAsTaggedNow() throws Exception {
        Path m4b = Files.createDirectories(dir.resolve("converted").resolve(KEY)).resolve("Ancillary Justice.m4b");
        Files.write(m4b, new byte[1234]);
        TagJob job = TagJob.ofFile(m4b, Optional.empty(), Optional.empty(), false);
        job = new TagJob(KEY, m4b, Optional.empty(), book.folder(), Map.of(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
        TagOutcome outcome = new TagOutcome(TagState.TAGGED, Optional.of(match()), Optional.empty(), List.of(),
            List.of(new Chapter(0, 1000, "One")), true, List.of(), true, "");

        NotifyEvent event = events.tagged(job, outcome, null);

        assertThat(event.type()).isEqualTo(EventType.BOOK_TAGGED);
        assertThat(event.title()).isEqualTo("Tagged: Ancillary Justice");
        assertThat(event.message()).startsWith("Matched on Audible as B00BAXFECK\nBy Ann Leckie\nRead by Celeste Ciulla");
        assertThat(event.book().asin()).isEqualTo("B00BAXFECK");
        assertThat(event.book().chapters()).isEqualTo(1);
        assertThat(event.file().path()).isEqualTo(m4b.toString());
        assertThat(event.file().sizeBytes()).isEqualTo(1234);
        assertThat(event.key()).isEqualTo(KEY);
    }

    @Test
    void anApprovedBookIsConvertedFromItsIntakeJson() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("converted").resolve(KEY));
        Path m4b = Files.write(folder.resolve("Ancillary Justice.m4b"), new byte[5000]);
        Files.writeString(folder.resolve("intake.json"), """
            {"book":{"key":"%s","name":"Ancillary Justice"},"state":"converted",
             "audio":{"codec":"aac","bitrateKbps":64},
             "sources":[{"file":"01.mp3"},{"file":"02.mp3"}],
             "tags":{"title":"Ancillary Justice","artist":"Ann Leckie","composer":"Celeste Ciulla"},
             "output":{"path":"%s","sizeBytes":5000,"durationSeconds":7200.5,"chapterCount":3}}
            """.formatted(KEY, m4b));

        NotifyEvent event = events.approved(KEY, m4b);

        assertThat(event.type()).isEqualTo(EventType.BOOK_CONVERTED);
        assertThat(event.title()).isEqualTo("Converted: Ancillary Justice");
        assertThat(event.message()).startsWith("Approved in review\nBy Ann Leckie\nRead by Celeste Ciulla");
        assertThat(event.book().durationSeconds()).isEqualTo(7200.5);
        assertThat(event.book().chapters()).isEqualTo(3);
        assertThat(event.file()).isEqualTo(new NotifyEvent.BookFile(m4b.toString(), 5000, 64, "aac"));
        assertThat(event.source().files()).containsExactly("01.mp3", "02.mp3");

        NotifyEvent rejected = events.rejected(KEY, folder, "wrong narrator");
        assertThat(rejected.type()).isEqualTo(EventType.BOOK_FAILED);
        assertThat(rejected.error()).isEqualTo("rejected in review: wrong narrator");
        assertThat(rejected.file()).isNull();
    }

    @Test
    void aBookWithoutTagsIsNamedByItsFolder() {
        NotifyEvent.BookInfo info = BookFacts.fromTags(new BookTags("", "", "", "", "", "", "", ""), "Folder Name",
            null, null);
        assertThat(info.title()).isEqualTo("Folder Name");
        assertThat(info.authors()).isEmpty();
        assertThat(info.narrators()).isEmpty();
    }

    private BookAttempt deliveredAttempt(Path outputFolder, Optional<AudibleProduct> matched) throws Exception {
        BookAttempt attempt = new BookAttempt(book, dir.resolve("work"), clock.instant());
        AudioSource one = source(book.audioFiles().get(0));
        AudioSource two = source(book.audioFiles().get(1));
        attempt.plan(new ConversionPlan(book, List.of(one, two), new CodecDecision(CodecDecision.Mode.ENCODE, "mp3"),
            64, 44100, 2, List.of("One", "Two"), Optional.empty(),
            new BookTags("Ancillary Justice", "Ancillary Justice", "Ann Leckie & Bob Smith", "", "Celeste Ciulla",
                "2013", "", "Audiobook"), Optional.empty()));
        attempt.audioMillis(3_600_000);
        attempt.chapters(List.of(new Chapter(0, 1_800_000, "One"), new Chapter(1_800_000, 3_600_000, "Two")));
        Path output = Files.createDirectories(outputFolder).resolve("Ancillary Justice.m4b");
        Files.write(output, new byte[2_000_000]);
        attempt.finalOutput(output);
        matched.ifPresent(product -> attempt.tagging(new TagOutcome(TagState.TAGGED, Optional.of(match()),
            Optional.empty(), List.of(), List.of(), false, List.of(), true, "")));
        return attempt;
    }

    private static AudioSource source(Path file) {
        return new AudioSource(file, 1000, "mp3", "", 44100, 2, 128_000, 1800, 0, -1, Map.of(), "mp3", false);
    }

    private static MetadataMatch match() {
        return new MetadataMatch(MetadataMatch.Status.MATCHED, Optional.of("B00BAXFECK"), Region.US, 1.0, "search",
            Optional.of(product()), List.of(), Optional.empty(), List.of());
    }

    private static AudibleProduct product() {
        return new AudibleProduct(Region.US, "B00BAXFECK", "Ancillary Justice", "Imperial Radch, Book 1",
            List.of("Ann Leckie"), List.of("Celeste Ciulla"), "Orbit", "", "2013-10-01", "english", 1234, "", "",
            false, List.of(new AudibleProduct.Series("B0", "Imperial Radch", "1")), List.of(), Map.of());
    }
}
