package org.automb.intake;

import org.automb.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessTrackerTest {


    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path inbox;

    private final MutableClock clock = new MutableClock(Instant.parse("2100-01-01T00:00:00Z"));
    private InboxTree tree;

    @BeforeEach
    void createBook() {
        tree = new InboxTree(inbox).files("Book/01.mp3", "Book/02.mp3");
    }

    private Book book() {
        return new BookFinder(Set.of("mp3"), Optional.empty()).scan(inbox).books().get(0);
    }

    @Test
    void aStableBookIsReadyOnceTheWaitTimeHasPassed() {
        ReadinessTracker tracker = new ReadinessTracker(WAIT, clock);

        assertThat(tracker.isReady(book())).as("first sighting").isFalse();
        clock.advance(Duration.ofSeconds(59));
        assertThat(tracker.isReady(book())).as("59 s").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tracker.isReady(book())).as("60 s").isTrue();
        clock.advance(Duration.ofSeconds(30));
        assertThat(tracker.isReady(book())).as("still unchanged").isTrue();
    }

    @Test
    void anyChangeRestartsTheWait() throws IOException {
        ReadinessTracker tracker = new ReadinessTracker(WAIT, clock);
        tracker.isReady(book());
        clock.advance(Duration.ofSeconds(50));

        Files.write(tree.path("Book/02.mp3"), new byte[10]); // still copying
        assertThat(tracker.isReady(book())).isFalse();
        clock.advance(Duration.ofSeconds(50));
        assertThat(tracker.isReady(book())).as("only 50 s since the change").isFalse();

        tree.files("Book/03.mp3.part"); // a download starts
        clock.advance(Duration.ofSeconds(50));
        assertThat(tracker.isReady(book())).isFalse();
        clock.advance(Duration.ofSeconds(60));
        assertThat(tracker.isReady(book())).isTrue();
    }

    @Test
    void aRecentlyModifiedFileKeepsTheBookWaiting() throws IOException {
        ReadinessTracker tracker = new ReadinessTracker(WAIT, clock);
        Instant firstLook = clock.instant();
        Files.setLastModifiedTime(tree.path("Book/01.mp3"), FileTime.from(firstLook.plusSeconds(30)));

        tracker.isReady(book());
        clock.advance(Duration.ofSeconds(61));
        assertThat(tracker.isReady(book())).as("modified 31 s ago").isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(tracker.isReady(book())).as("modified 61 s ago").isTrue();
    }

    @Test
    void acceptsAFingerprintTheCallerAlreadyRead() {
        ReadinessTracker tracker = new ReadinessTracker(WAIT, clock);
        Book book = book();

        assertThat(tracker.isReady(book, BookFingerprint.of(book))).isFalse();
        clock.advance(WAIT);
        assertThat(tracker.isReady(book, BookFingerprint.of(book))).isTrue();
    }

    @Test
    void aChangeAnEventToldOfKeepsTheBookWaitingLikeAModificationTime() {
        ReadinessTracker tracker = new ReadinessTracker(WAIT, clock);
        Book book = book();
        tracker.isReady(book, BookFingerprint.of(book));
        clock.advance(WAIT);
        // a book moved in keeps its files' old modification times: only the event tells when it arrived
        Optional<Instant> movedIn = Optional.of(clock.instant().minusSeconds(10));

        assertThat(tracker.isReady(book, BookFingerprint.of(book), movedIn)).as("moved in 10 s ago").isFalse();
        clock.advance(Duration.ofSeconds(50));
        assertThat(tracker.isReady(book, BookFingerprint.of(book), movedIn)).as("moved in 60 s ago").isTrue();
        assertThat(tracker.isReady(book, BookFingerprint.of(book), Optional.empty())).as("no event").isTrue();
    }

    @Test
    void aZeroWaitTimeMeansReadyAtFirstSight() {
        ReadinessTracker tracker = new ReadinessTracker(Duration.ZERO, clock);

        assertThat(tracker.isReady(book())).isTrue();
    }

    @Test
    void forgettingABookStartsItsWaitAgain() {
        ReadinessTracker tracker = new ReadinessTracker(WAIT, clock);
        tracker.isReady(book());
        clock.advance(WAIT);
        assertThat(tracker.isReady(book())).isTrue();

        tracker.forget("Book");

        assertThat(tracker.isReady(book())).isFalse();
    }

    @Test
    void retainOnlyDropsBooksThatLeftTheInbox() {
        ReadinessTracker tracker = new ReadinessTracker(WAIT, clock);
        tracker.isReady(book());
        clock.advance(WAIT);

        tracker.retainOnly(List.of("Another book"));

        assertThat(tracker.isReady(book())).isFalse();
    }

    @Test
    void aBookThatDisappearedIsNotReady() throws IOException {
        ReadinessTracker tracker = new ReadinessTracker(Duration.ZERO, clock);
        Book book = book();
        Files.delete(tree.path("Book/01.mp3"));
        Files.delete(tree.path("Book/02.mp3"));
        Files.delete(tree.path("Book"));

        assertThat(tracker.isReady(book)).isFalse();
    }
}
