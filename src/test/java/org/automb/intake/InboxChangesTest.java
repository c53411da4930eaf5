package org.automb.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.automb.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a file-system event in the inbox marks as changed: the inbox entry it lies in, and so the books in it. */
class InboxChangesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path inbox;

    private final MutableClock clock = new MutableClock(Instant.parse("2100-01-01T00:00:00Z"));

    private InboxChanges changes() {
        return new InboxChanges(inbox, clock, WAIT);
    }

    private List<Book> books() {
        return new BookFinder(Set.of("mp3"), Optional.empty()).scan(inbox).books();
    }

    private Book book(String key) {
        return books().stream().filter(book -> book.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void aChangeDeepInABookFolderMarksThatBook() {
        new InboxTree(inbox).files("Book/CD 1/01.mp3", "Book/CD 2/01.mp3", "Other/01.mp3");
        InboxChanges changes = changes();

        assertThat(changes.changed(inbox.resolve("Book/CD 2/01.mp3").toString())).isEqualTo("Book");

        assertThat(changes.lastChange(book("Book"))).contains(clock.instant());
        assertThat(changes.lastChange(book("Other"))).isEmpty();
    }

    @Test
    void aChangeToAnyFileOfALooseBookMarksIt() {
        new InboxTree(inbox).files("Title.mp3", "Title.jpg", "Another.mp3");
        InboxChanges changes = changes();

        assertThat(changes.changed(inbox.resolve("Title.jpg").toString())).isEqualTo("Title.jpg");

        assertThat(changes.lastChange(book("Title"))).as("its cover changed").contains(clock.instant());
        assertThat(changes.lastChange(book("Another"))).isEmpty();
    }

    @Test
    void aChangeInASeriesMarksEveryBookOfTheSeriesFolder() {
        new InboxTree(inbox).files("Series/One/01.mp3", "Series/Two/01.mp3");
        InboxChanges changes = changes();

        changes.changed(inbox.resolve("Series/Two/01.mp3").toString());

        // the event names the entry; which books it holds is the scan's to say
        assertThat(books()).extracting(Book::key).containsExactly("Series/One", "Series/Two");
        assertThat(changes.lastChange(book("Series/One"))).contains(clock.instant());
        assertThat(changes.lastChange(book("Series/Two"))).contains(clock.instant());
    }

    @Test
    void theLatestChangeCounts() {
        new InboxTree(inbox).files("Book/01.mp3", "Book/02.mp3");
        InboxChanges changes = changes();
        changes.changed(inbox.resolve("Book/01.mp3").toString());
        clock.advance(Duration.ofSeconds(5));

        changes.changed(inbox.resolve("Book/02.mp3").toString());

        assertThat(changes.lastChange(book("Book"))).contains(clock.instant());
    }

    @Test
    void pathsOutsideTheInboxAreIgnored() {
        new InboxTree(inbox).files("Book/01.mp3");
        InboxChanges changes = changes();

        assertThat(changes.changed(inbox.toString())).as("the inbox itself").isNull();
        assertThat(changes.changed(inbox.resolve("../elsewhere/Book/01.mp3").toString())).as("climbs out").isNull();
        assertThat(changes.changed(inbox.resolveSibling(inbox.getFileName() + "2").resolve("Book").toString()))
            .as("a sibling whose name starts alike").isNull();
        assertThat(changes.changed("/")).isNull();
        assertThat(changes.changed("")).isNull();
        assertThat(changes.changed(null)).isNull();

        assertThat(changes.lastChange(book("Book"))).isEmpty();
    }

    @Test
    void changesOlderThanTheWaitTimeAreDropped() {
        new InboxTree(inbox).files("Book/01.mp3", "Other/01.mp3");
        InboxChanges changes = changes();
        changes.changed(inbox.resolve("Book/01.mp3").toString());
        clock.advance(WAIT.plusSeconds(1));

        changes.changed(inbox.resolve("Other/01.mp3").toString());

        assertThat(changes.lastChange(book("Book"))).as("no longer holds the book back").isEmpty();
    }
}
