package org.automb.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.automb.intake.InboxScan.InboxProblem;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BookFinderTest {

    private static final Set<String> AUDIO = new LinkedHashSet<>(
            List.of("mp3", "m4a", "m4b", "aac", "flac", "ogg", "opus", "wma", "wav"));

    @TempDir
    Path inbox;

    private InboxTree tree() {
        return new InboxTree(inbox);
    }

    private InboxScan scan() {
        return new BookFinder(AUDIO, Optional.empty()).scan(inbox);
    }

    private Book onlyBook(InboxScan scan) {
        assertThat(scan.problems()).isEmpty();
        assertThat(scan.books()).hasSize(1);
        return scan.books().get(0);
    }

    @Nested
    class FolderBooks {

        @Test
        void aTopLevelFolderIsABookWithTracksInNaturalOrder() {
            InboxTree t = tree().files("Author - Title/track 10.mp3", "Author - Title/Track 2.mp3",
                    "Author - Title/track 1.mp3", "Author - Title/cover.jpg", "Author - Title/notes.txt",
                    "Author - Title/playlist.m3u");

            Book book = onlyBook(scan());

            assertThat(book.key()).isEqualTo("Author - Title");
            assertThat(book.name()).isEqualTo("Author - Title");
            assertThat(book.root()).isEqualTo(t.path("Author - Title"));
            assertThat(book.looseFile()).isFalse();
            assertThat(book.audioFiles()).containsExactlyElementsOf(t.paths(
                    "Author - Title/track 1.mp3", "Author - Title/Track 2.mp3", "Author - Title/track 10.mp3"));
            assertThat(book.extraFiles()).containsExactlyElementsOf(t.paths(
                    "Author - Title/cover.jpg", "Author - Title/notes.txt"));
        }

        @Test
        void audioExtensionsMatchWhateverTheirCase() {
            InboxTree t = tree().files("Book/TRACK 2.MP3", "Book/track 1.Mp3", "Book/COVER.JPG", "LOUD.M4B");

            InboxScan scan = scan();

            assertThat(scan.books()).extracting(Book::key).containsExactly("Book", "LOUD");
            assertThat(scan.books().get(0).audioFiles())
                    .containsExactlyElementsOf(t.paths("Book/track 1.Mp3", "Book/TRACK 2.MP3"));
            assertThat(scan.books().get(0).extraFiles()).containsExactly(t.path("Book/COVER.JPG"));
        }

        @Test
        void booksAreSortedByKeyInNaturalOrder() {
            tree().files("Book 10/a.mp3", "book 2/a.mp3", "Book 1/a.mp3", "Alpha.mp3");

            assertThat(scan().books()).extracting(Book::key).containsExactly("Alpha", "Book 1", "book 2", "Book 10");
        }

        @Test
        void extrasAnywhereInsideTheBookTravelAlong() {
            InboxTree t = tree().files("Book/01.mp3", "Book/Scans/page 10.png", "Book/Scans/page 2.png",
                    "Book/book.epub", "Book/info.NFO");

            Book book = onlyBook(scan());

            assertThat(book.audioFiles()).containsExactly(t.path("Book/01.mp3"));
            assertThat(book.extraFiles()).containsExactlyElementsOf(t.paths(
                    "Book/book.epub", "Book/info.NFO", "Book/Scans/page 2.png", "Book/Scans/page 10.png"));
        }
    }

    @Nested
    class LooseFiles {

        @Test
        void aLooseFileIsABookWithItsSameStemCompanionsOnly() {
            InboxTree t = tree().files("Title.mp3", "Title.jpg", "Title.cue", "Other.jpg", "readme.txt",
                    "Title.m3u");

            Book book = onlyBook(scan());

            assertThat(book.key()).isEqualTo("Title");
            assertThat(book.name()).isEqualTo("Title");
            assertThat(book.root()).isEqualTo(t.path("Title.mp3"));
            assertThat(book.looseFile()).isTrue();
            assertThat(book.folder()).isEqualTo(inbox);
            assertThat(book.audioFiles()).containsExactly(t.path("Title.mp3"));
            assertThat(book.extraFiles()).containsExactlyElementsOf(t.paths("Title.cue", "Title.jpg"));
        }

        @Test
        void aStemWithDotsKeepsThem() {
            tree().files("Book.Part 1.m4b", "Book.Part 1.jpg", "Book.jpg");

            Book book = onlyBook(scan());

            assertThat(book.key()).isEqualTo("Book.Part 1");
            assertThat(book.extraFiles()).extracting(p -> p.getFileName().toString()).containsExactly("Book.Part 1.jpg");
        }

        @Test
        void twoEntriesBecomingTheSameBookAreBothRefused() {
            tree().files("Title.mp3", "Title/01.mp3", "Other.mp3", "Other.m4a", "Fine.mp3");

            InboxScan scan = scan();

            assertThat(scan.books()).extracting(Book::key).containsExactly("Fine");
            assertThat(scan.problems()).extracting(InboxProblem::key).containsExactly("Other", "Title");
            assertThat(scan.problems()).allMatch(InboxProblem::fatal);
            assertThat(scan.problems().get(1).message())
                    .isEqualTo("Title: 2 inbox entries would become the same book (Title, Title.mp3); rename all but one");
        }
    }

    @Nested
    class MultiDisc {

        @Test
        void discsPlayInDiscNumberOrderWithRestartingTrackNumbers() {
            InboxTree t = tree().files(
                    "Book/Disc 10/01 Track.mp3",
                    "Book/Disc 2/02 Track.mp3", "Book/Disc 2/01 Track.mp3",
                    "Book/Disc 1/10 Track.mp3", "Book/Disc 1/2 Track.mp3", "Book/Disc 1/1 Track.mp3",
                    "Book/Disc 1/cover.jpg");

            Book book = onlyBook(scan());

            assertThat(book.key()).isEqualTo("Book");
            assertThat(book.root()).isEqualTo(t.path("Book"));
            assertThat(book.audioFiles()).containsExactlyElementsOf(t.paths(
                    "Book/Disc 1/1 Track.mp3", "Book/Disc 1/2 Track.mp3", "Book/Disc 1/10 Track.mp3",
                    "Book/Disc 2/01 Track.mp3", "Book/Disc 2/02 Track.mp3",
                    "Book/Disc 10/01 Track.mp3"));
            assertThat(book.extraFiles()).containsExactly(t.path("Book/Disc 1/cover.jpg"));
        }

        @Test
        void allDiscNamingStylesAreRecognised() {
            InboxTree t = tree().files("Book/disk 10/a.mp3", "Book/Book - Disc 5/a.mp3", "Book/Disc 3 of 4/a.mp3",
                    "Book/CD2/a.mp3", "Book/Disc1/a.mp3");

            Book book = onlyBook(scan());

            assertThat(book.audioFiles()).containsExactlyElementsOf(t.paths("Book/Disc1/a.mp3", "Book/CD2/a.mp3",
                    "Book/Disc 3 of 4/a.mp3", "Book/Book - Disc 5/a.mp3", "Book/disk 10/a.mp3"));
        }

        @Test
        void audioBesideTheDiscFoldersComesFirst() {
            InboxTree t = tree().files("Book/Disc 1/01.mp3", "Book/Disc 2/01.mp3", "Book/00 Intro.mp3");

            Book book = onlyBook(scan());

            assertThat(book.audioFiles()).containsExactlyElementsOf(
                    t.paths("Book/00 Intro.mp3", "Book/Disc 1/01.mp3", "Book/Disc 2/01.mp3"));
        }

        @Test
        void tracksNestedInsideADiscFollowTheirRelativePath() {
            InboxTree t = tree().files("Book/CD 1/Part 10/01.mp3", "Book/CD 1/Part 2/01.mp3", "Book/CD 1/00.mp3");

            Book book = onlyBook(scan());

            assertThat(book.audioFiles()).containsExactlyElementsOf(
                    t.paths("Book/CD 1/00.mp3", "Book/CD 1/Part 2/01.mp3", "Book/CD 1/Part 10/01.mp3"));
        }

        @Test
        void discFoldersBesideOtherBooksAreRefused() {
            tree().files("Book/Disc 1/01.mp3", "Book/Disc 2/01.mp3", "Book/Other Book/01.mp3");

            InboxScan scan = scan();

            assertThat(scan.books()).isEmpty();
            assertThat(scan.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.fatal()).isTrue();
                assertThat(problem.message()).isEqualTo("Book: folder mixes disc folders (Disc 1, Disc 2) with "
                        + "sub-folders that hold other books (Other Book); split it: move each book into its own "
                        + "folder in the inbox");
            });
        }
    }

    @Nested
    class Wrappers {

        @Test
        void aChainOfWrapperFoldersIsTheInnerBookUnderTheTopLevelName() {
            InboxTree t = tree().files("Outer/Middle/Inner/02.mp3", "Outer/Middle/Inner/01.mp3", "Outer/cover.jpg",
                    "Outer/Middle/.DS_Store");

            Book book = onlyBook(scan());

            assertThat(book.key()).isEqualTo("Outer");
            assertThat(book.name()).isEqualTo("Outer");
            assertThat(book.root()).isEqualTo(t.path("Outer"));
            assertThat(book.audioFiles())
                    .containsExactlyElementsOf(t.paths("Outer/Middle/Inner/01.mp3", "Outer/Middle/Inner/02.mp3"));
            assertThat(book.extraFiles()).containsExactly(t.path("Outer/cover.jpg"));
        }

        @Test
        void aWrapperMayHoldAFolderOfScansBesideTheAudioFolder() {
            InboxTree t = tree().files("Book/Audio/01.mp3", "Book/Scans/back.jpg");

            Book book = onlyBook(scan());

            assertThat(book.key()).isEqualTo("Book");
            assertThat(book.audioFiles()).containsExactly(t.path("Book/Audio/01.mp3"));
            assertThat(book.extraFiles()).containsExactly(t.path("Book/Scans/back.jpg"));
        }

        @Test
        void aWrapperAroundDiscFoldersIsOneBook() {
            InboxTree t = tree().files("Book/Book/CD 2/01.mp3", "Book/Book/CD 1/01.mp3");

            Book book = onlyBook(scan());

            assertThat(book.key()).isEqualTo("Book");
            assertThat(book.audioFiles())
                    .containsExactlyElementsOf(t.paths("Book/Book/CD 1/01.mp3", "Book/Book/CD 2/01.mp3"));
        }
    }

    @Nested
    class Series {

        @Test
        void eachSubFolderOfASeriesIsABook() {
            InboxTree t = tree().files("Series/01 - Title/02.mp3", "Series/01 - Title/01.mp3",
                    "Series/01 - Title/cover.jpg", "Series/Book 2/a.mp3", "Series/Vol. 3/a.mp3",
                    "Series/series cover.jpg");

            InboxScan scan = scan();

            assertThat(scan.problems()).isEmpty();
            assertThat(scan.books()).extracting(Book::key)
                    .containsExactly("Series/01 - Title", "Series/Book 2", "Series/Vol. 3");
            assertThat(scan.books()).extracting(Book::name).containsExactly("01 - Title", "Book 2", "Vol. 3");
            Book first = scan.books().get(0);
            assertThat(first.root()).isEqualTo(t.path("Series/01 - Title"));
            assertThat(first.looseFile()).isFalse();
            assertThat(first.audioFiles())
                    .containsExactlyElementsOf(t.paths("Series/01 - Title/01.mp3", "Series/01 - Title/02.mp3"));
            assertThat(first.extraFiles()).containsExactly(t.path("Series/01 - Title/cover.jpg"));
            assertThat(scan.books().get(1).extraFiles()).isEmpty();
        }

        @Test
        void seriesMembersMayHaveDiscsOrWrapAFolder() {
            InboxTree t = tree().files("Series/Book 1/Disc 2/01.mp3", "Series/Book 1/Disc 1/01.mp3",
                    "Series/Book 2/Inner/01.mp3");

            InboxScan scan = scan();

            assertThat(scan.problems()).isEmpty();
            assertThat(scan.books()).extracting(Book::key).containsExactly("Series/Book 1", "Series/Book 2");
            assertThat(scan.books().get(0).audioFiles()).containsExactlyElementsOf(
                    t.paths("Series/Book 1/Disc 1/01.mp3", "Series/Book 1/Disc 2/01.mp3"));
            assertThat(scan.books().get(1).root()).isEqualTo(t.path("Series/Book 2"));
            assertThat(scan.books().get(1).name()).isEqualTo("Book 2");
        }

        @Test
        void nestedSeriesAreKeyedByTheirInboxPath() {
            tree().files("Author/Series A/Book 1/a.mp3", "Author/Series A/Book 2/a.mp3",
                    "Author/Series B/Book 3/a.mp3", "Author/Series B/Book 4/a.mp3",
                    "Wrapper/Series/A/a.mp3", "Wrapper/Series/B/a.mp3");

            assertThat(scan().books()).extracting(Book::key).containsExactly(
                    "Author/Series A/Book 1", "Author/Series A/Book 2", "Author/Series B/Book 3",
                    "Author/Series B/Book 4", "Wrapper/Series/A", "Wrapper/Series/B");
        }

        @Test
        void problemsOfASeriesMemberCarryTheMemberKey() {
            tree().files("Series/Book 1/a.mp3", "Series/Book 2/intro.mp3", "Series/Book 2/Part A/a.mp3",
                    "Series/Book 2/Part B/a.mp3");

            InboxScan scan = scan();

            assertThat(scan.books()).extracting(Book::key).containsExactly("Series/Book 1");
            assertThat(scan.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.key()).isEqualTo("Series/Book 2");
                assertThat(problem.message()).startsWith("Series/Book 2: folder mixes 1 loose audio file with");
            });
        }
    }

    @Nested
    class Refusals {

        @Test
        void looseAudioBesideOtherBooksIsRefusedNotMerged() {
            InboxTree t = tree().files("Mixed/intro.mp3", "Mixed/outro.mp3", "Mixed/Book B/b.mp3",
                    "Mixed/Book A/a.mp3");

            InboxScan scan = scan();

            assertThat(scan.books()).isEmpty();
            assertThat(scan.problems()).containsExactly(new InboxProblem("Mixed", t.path("Mixed"),
                    "Mixed: folder mixes 2 loose audio files with sub-folders that hold other books (Book A, Book B); "
                            + "split it: move each book into its own folder in the inbox", true));
        }

        @Test
        void emptyAndAudioLessFoldersAreReportedNonFatally() {
            InboxTree t = tree().folders("Empty").files("Scans/cover.jpg", "Good/a.mp3");

            InboxScan scan = scan();

            assertThat(scan.books()).extracting(Book::key).containsExactly("Good");
            String looked = "(looked for mp3, m4a, m4b, aac, flac, ogg, opus, wma, wav)";
            assertThat(scan.problems()).containsExactly(
                    new InboxProblem("Empty", t.path("Empty"), "Empty: no audio files " + looked, false),
                    new InboxProblem("Scans", t.path("Scans"), "Scans: no audio files " + looked, false));
        }

        @Test
        void aMissingInboxIsAProblemNotAnException() {
            InboxScan scan = new BookFinder(AUDIO, Optional.empty()).scan(inbox.resolve("missing"));

            assertThat(scan.books()).isEmpty();
            assertThat(scan.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.key()).isEmpty();
                assertThat(problem.fatal()).isFalse();
            });
        }
    }

    @Nested
    class Junk {

        @Test
        void junkIsIgnoredEverywhere() {
            InboxTree t = tree().files(
                    ".DS_Store", "._Loose.mp3", "Thumbs.db", "desktop.ini", "Download.mp3.part",
                    "__MACOSX/Book/._01.mp3", ".Trashes/501/old.mp3", ".Spotlight-V100/store.db",
                    "@eaDir/x.mp3", ".hidden book/a.mp3",
                    "Book/01.mp3", "Book/._01.mp3", "Book/.DS_Store", "Book/Thumbs.db", "Book/ehthumbs.db",
                    "Book/DESKTOP.INI", "Book/.LSOverride", "Book/.AppleDouble/01.mp3", "Book/__MACOSX/02.mp3",
                    "Book/__MACOSX/._cover.jpg", "Book/@eaDir/01.mp3/SYNOFILE_THUMB_M.jpg", "Book/.hidden.jpg",
                    "Book/02.mp3.part", "Book/03.mp3.crdownload", "Book/04.mp3.tmp", "Book/._cover.jpg",
                    "Book/cover.jpg");

            Book book = onlyBook(scan());

            assertThat(book.key()).isEqualTo("Book");
            assertThat(book.audioFiles()).containsExactly(t.path("Book/01.mp3"));
            assertThat(book.extraFiles()).containsExactly(t.path("Book/cover.jpg"));
        }

        @Test
        void aFolderOfOnlyJunkHasNoAudio() {
            tree().files("Book/._01.mp3", "Book/.DS_Store", "Book/01.mp3.part");

            InboxScan scan = scan();

            assertThat(scan.books()).isEmpty();
            assertThat(scan.problems()).extracting(InboxProblem::message)
                    .singleElement().asString().startsWith("Book: no audio files");
        }
    }

    @Nested
    class MatchFilter {

        @Test
        void onlyBooksWhoseKeyMatchesAreReturnedIgnoringCase() {
            tree().files("Harry Potter 1/a.mp3", "Dune/a.mp3", "Potter Series/Book 1/a.mp3",
                    "Potter Series/Book 2/a.mp3", "Empty Potter/cover.jpg", "Empty Other/cover.jpg", "potter.mp3");

            InboxScan scan = new BookFinder(AUDIO, Optional.of(Pattern.compile("POTTER"))).scan(inbox);

            assertThat(scan.books()).extracting(Book::key).containsExactly(
                    "Harry Potter 1", "potter", "Potter Series/Book 1", "Potter Series/Book 2");
            assertThat(scan.problems()).extracting(InboxProblem::key).containsExactly("Empty Potter");
        }

        @Test
        void theFilterMatchesAnywhereInASeriesKey() {
            tree().files("Series/Book 1/a.mp3", "Series/Book 2/a.mp3");

            InboxScan scan = new BookFinder(AUDIO, Optional.of(Pattern.compile("book 2$"))).scan(inbox);

            assertThat(scan.books()).extracting(Book::key).containsExactly("Series/Book 2");
        }
    }

    @Nested
    class AwkwardNames {

        @Test
        void shellMetacharactersAndNonAsciiNamesAreKeptAsIs() {
            String[] names = {"It's \"quoted\"", "$(rm -rf ~)", "`whoami`", "a; b & c", "Ünïcödé – 日本",
                    "50% off * ? [x] {y} \\ |z| <>"};
            for (String name : names) {
                tree().files(name + "/01 " + name + ".mp3", name + "/cover.jpg");
            }
            tree().files("$(echo loose) `x`; & ü.mp3", "$(echo loose) `x`; & ü.jpg");

            InboxScan scan = scan();

            assertThat(scan.problems()).isEmpty();
            assertThat(scan.books()).extracting(Book::key)
                    .containsExactlyInAnyOrder(concat(names, "$(echo loose) `x`; & ü"));
            for (Book book : scan.books()) {
                assertThat(book.audioFiles()).singleElement().satisfies(file -> assertThat(file).exists());
                assertThat(book.extraFiles()).singleElement().satisfies(file -> assertThat(file).exists());
            }
        }

        @Test
        void aNameWithANewlineWorksWhereTheFileSystemAllowsIt() {
            Path folder;
            try {
                folder = Files.createDirectory(inbox.resolve("Line one\nLine two"));
                Files.createFile(folder.resolve("01\n.mp3"));
            } catch (IOException | InvalidPathException e) {
                assumeTrue(false, "file system refuses newlines in names: " + e);
                return;
            }

            Book book = onlyBook(scan());

            assertThat(book.key()).isEqualTo("Line one\nLine two");
            assertThat(book.audioFiles()).containsExactly(folder.resolve("01\n.mp3"));
        }

        private String[] concat(String[] names, String extra) {
            String[] all = java.util.Arrays.copyOf(names, names.length + 1);
            all[names.length] = extra;
            return all;
        }
    }

    @Test
    void aFolderMixingBooksIsHeldBackAndABookReadCleanlyIsNot() {
        tree().files("Mixed/01.mp3", "Mixed/Other Book/01.mp3", "Mixed/Third/01.mp3", "Fine/01.mp3", "Empty/cover.jpg");

        InboxScan scan = scan();

        assertThat(scan.heldBack()).singleElement().satisfies(held -> {
            assertThat(held.key()).isEqualTo("Mixed");
            assertThat(held.reason()).startsWith("folder mixes 1 loose audio file with sub-folders");
        });
    }

    @Nested
    class Links {

        @TempDir
        Path outside;

        @Test
        void aSymlinkedFolderOutsideTheInboxIsNotFollowed() throws IOException {
            Files.createFile(outside.resolve("01.mp3"));
            Path link = createLinkOrSkip(inbox.resolve("Linked"), outside);

            InboxScan scan = scan();

            assertThat(scan.books()).isEmpty();
            assertThat(scan.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.path()).isEqualTo(link);
                assertThat(problem.fatal()).isFalse();
                assertThat(problem.message()).contains("outside the inbox").contains(link.toString());
            });
            assertThat(scan.heldBack()).extracting(InboxScan.HeldBack::key, InboxScan.HeldBack::reason).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("Linked", "a link that leads outside the inbox"));
        }

        @Test
        void aBookWithAnAudioSymlinkLeadingOutIsHeldBack() throws IOException {
            tree().files("Book/01.mp3", "Other/01.mp3");
            Path target = Files.createFile(outside.resolve("02.mp3"));
            Path link = createLinkOrSkip(inbox.resolve("Book/02.mp3"), target);

            InboxScan scan = scan();

            assertThat(scan.books()).extracting(Book::key).containsExactly("Other");
            assertThat(scan.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.key()).isEqualTo("Book");
                assertThat(problem.path()).isEqualTo(link);
                assertThat(problem.fatal()).isFalse();
            });
        }

        @Test
        void aFileSymlinkInsideTheInboxIsAccepted() throws IOException {
            InboxTree t = tree().files("Book/01.mp3");
            createLinkOrSkip(inbox.resolve("Book/02.mp3"), inbox.resolve("Book/01.mp3"));

            Book book = onlyBook(scan());

            assertThat(book.audioFiles()).containsExactlyElementsOf(t.paths("Book/01.mp3", "Book/02.mp3"));
        }

        @Test
        void aLinkCycleDoesNotHangTheScan() throws IOException {
            tree().files("Book/01.mp3");
            createLinkOrSkip(inbox.resolve("Book/loop"), inbox.resolve("Book"));

            InboxScan scan = scan();

            assertThat(scan.books()).isEmpty();
            assertThat(scan.problems()).singleElement()
                    .satisfies(problem -> assertThat(problem.message()).contains("not followed"));
        }

        @Test
        void aBookWithASelfLoopIsHeldBackWithTheReason() throws IOException {
            tree().files("Book/01.mp3", "Other/01.mp3");
            createLinkOrSkip(inbox.resolve("Book/self"), Path.of("."));

            InboxScan scan = scan();

            assertThat(scan.books()).extracting(Book::key).containsExactly("Other");
            assertThat(scan.heldBack()).containsExactly(new InboxScan.HeldBack("Book", inbox.resolve("Book"),
                    "a link inside loops back into the book"));
        }

        @Test
        void aBookWithAFolderLinkLeavingTheBookIsHeldBackWithTheReason() throws IOException {
            tree().files("Book/01.mp3", "Other/01.mp3");
            createLinkOrSkip(inbox.resolve("Book/Borrowed"), inbox.resolve("Other"));
            Files.createFile(outside.resolve("02.mp3"));
            createLinkOrSkip(inbox.resolve("Other/Outside"), outside);

            InboxScan scan = scan();

            assertThat(scan.books()).isEmpty();
            assertThat(scan.heldBack()).extracting(InboxScan.HeldBack::key, InboxScan.HeldBack::reason).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("Book", "a link inside leads outside the book"),
                    org.assertj.core.groups.Tuple.tuple("Other", "a link inside leads outside the book"));
        }

        @Test
        void aFolderLinkWithinTheSameBookHoldsItBackAsNotFollowed() throws IOException {
            tree().files("Book/Disc 1/01.mp3");
            createLinkOrSkip(inbox.resolve("Book/CD1"), inbox.resolve("Book/Disc 1"));

            assertThat(scan().heldBack()).extracting(InboxScan.HeldBack::reason)
                    .containsExactly("a linked folder inside is not followed");
        }

        private Path createLinkOrSkip(Path link, Path target) {
            try {
                return Files.createSymbolicLink(link, target);
            } catch (IOException | UnsupportedOperationException e) {
                assumeTrue(false, "symlinks not supported: " + e);
                return link;
            }
        }
    }

    @Nested
    class Unreadable {

        @Test
        void anUnreadableFolderIsANonFatalProblemAndTheScanGoesOn() throws IOException {
            InboxTree t = tree().files("Book/Disc 1/01.mp3", "Book/Disc 2/01.mp3", "Other/01.mp3");
            Path locked = t.path("Book/Disc 2");
            try {
                Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
            } catch (UnsupportedOperationException e) {
                assumeTrue(false, "no POSIX permissions here");
            }
            try {
                assumeTrue(!Files.isReadable(locked), "running with privileges that read anything (root?)");

                InboxScan scan = scan();

                assertThat(scan.books()).extracting(Book::key).containsExactly("Other");
                assertThat(scan.problems()).singleElement().satisfies(problem -> {
                    assertThat(problem.key()).isEqualTo("Book");
                    assertThat(problem.path()).isEqualTo(locked);
                    assertThat(problem.fatal()).isFalse();
                });
            } finally {
                Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
            }
        }
    }
}
