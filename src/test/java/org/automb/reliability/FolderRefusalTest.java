package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.automb.app.AutoM4bCommand;
import org.automb.testing.FolderChecksums;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One mistyped folder setting at a time, each of which once let the service delete, move or re-read the books it
 * exists to protect: the real service ({@code --once}) and {@code --validate}, each in its own JVM, refuse it with
 * exit code 2 and the same one-line problem, print no stack trace, and every file and folder under the test's root
 * is as it was (a book in the inbox, an m4b in the converted folder, originals in the archive). A refused start
 * never gets as far as Camel, so each case costs two short JVM starts.
 */
class FolderRefusalTest {

    private static final TestAudio AUDIO = TestAudio.bundled();

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    /** A misconfiguration: the options that make it (setting up what it needs) and the start of its problem line. */
    enum Misconfiguration {
        WORKING_IS_THE_INBOX {
            @Override
            List<String> options(ChildServiceHarness h) {
                return List.of("--working-folder=" + h.inbox());
            }

            @Override
            String problem(ChildServiceHarness h) {
                return "WORKING_FOLDER=" + h.inbox() + " is the same folder as INBOX_FOLDER=" + h.inbox();
            }
        },
        WORKING_HOLDS_THE_OTHER_FOLDERS {
            @Override
            List<String> options(ChildServiceHarness h) {
                return List.of("--working-folder=" + h.root());
            }

            @Override
            String problem(ChildServiceHarness h) {
                return "INBOX_FOLDER=" + h.inbox() + " lies inside WORKING_FOLDER=" + h.root();
            }
        },
        CONVERTED_IS_THE_INBOX_WITH_DELETE {
            @Override
            List<String> options(ChildServiceHarness h) {
                return List.of("--converted-folder=" + h.inbox(), "--on-complete=delete");
            }

            @Override
            String problem(ChildServiceHarness h) {
                return "CONVERTED_FOLDER=" + h.inbox() + " is the same folder as INBOX_FOLDER=" + h.inbox();
            }
        },
        CONVERTED_INSIDE_THE_INBOX_WITH_DELETE {
            @Override
            List<String> options(ChildServiceHarness h) {
                return List.of("--converted-folder=" + h.inbox().resolve("converted"), "--on-complete=delete");
            }

            @Override
            String problem(ChildServiceHarness h) {
                return "CONVERTED_FOLDER=" + h.inbox().resolve("converted") + " lies inside INBOX_FOLDER=" + h.inbox();
            }
        },
        ARCHIVE_INSIDE_THE_INBOX {
            @Override
            List<String> options(ChildServiceHarness h) {
                return List.of("--archive-folder=" + h.inbox().resolve("archive"));
            }

            @Override
            String problem(ChildServiceHarness h) {
                return "ARCHIVE_FOLDER=" + h.inbox().resolve("archive") + " lies inside INBOX_FOLDER=" + h.inbox();
            }
        },
        FAILED_THROUGH_A_LINK_INTO_THE_INBOX {
            @Override
            List<String> options(ChildServiceHarness h) throws IOException {
                Files.createSymbolicLink(h.root().resolve("shortcut"), h.inbox().resolve("Good Book"));
                return List.of("--failed-folder=" + h.root().resolve("shortcut"));
            }

            @Override
            String problem(ChildServiceHarness h) throws IOException {
                return "FAILED_FOLDER=" + h.root().resolve("shortcut") + " (really "
                    + h.inbox().resolve("Good Book").toRealPath() + ") lies inside INBOX_FOLDER=" + h.inbox();
            }
        },
        INBOX_IS_A_FILE {
            @Override
            List<String> options(ChildServiceHarness h) throws IOException {
                Files.writeString(h.root().resolve("inbox.txt"), "not a folder");
                return List.of("--inbox-folder=" + h.root().resolve("inbox.txt"));
            }

            @Override
            String problem(ChildServiceHarness h) {
                return "INBOX_FOLDER=" + h.root().resolve("inbox.txt") + " is a file, not a folder";
            }
        },
        CONVERTED_IS_A_FILE {
            @Override
            List<String> options(ChildServiceHarness h) throws IOException {
                Files.writeString(h.root().resolve("converted.txt"), "not a folder");
                return List.of("--converted-folder=" + h.root().resolve("converted.txt"));
            }

            @Override
            String problem(ChildServiceHarness h) {
                return "CONVERTED_FOLDER=" + h.root().resolve("converted.txt") + " is a file, not a folder";
            }
        },
        FAILED_CANNOT_BE_CREATED {
            @Override
            List<String> options(ChildServiceHarness h) throws IOException {
                Files.writeString(h.root().resolve("notes.txt"), "a file where a folder would have to be");
                return List.of("--failed-folder=" + h.root().resolve("notes.txt").resolve("failed"));
            }

            @Override
            String problem(ChildServiceHarness h) {
                return "FAILED_FOLDER=" + h.root().resolve("notes.txt").resolve("failed") + " cannot be created: "
                    + h.root().resolve("notes.txt") + " is a file";
            }
        };

        abstract List<String> options(ChildServiceHarness h) throws IOException;

        abstract String problem(ChildServiceHarness h) throws IOException;
    }

    /** Audio made once for every case (copied into each case's folders): an mp3 and an m4b. */
    @TempDir
    static Path made;

    @BeforeAll
    static void makeAudio() {
        AUDIO.mp3(made.resolve("one.mp3"), 1.0, Map.of("title", "One"));
        AUDIO.aac(made.resolve("book.m4b"), 1.0, 44100, 1, Map.of());
    }

    /** Something in every folder a user keeps books in: a book in the inbox, a delivered book, archived originals. */
    @BeforeEach
    void booksEverywhere() throws IOException {
        copy(made.resolve("one.mp3"), harness.inbox().resolve("Good Book").resolve("01.mp3"));
        copy(made.resolve("one.mp3"), harness.inbox().resolve("Good Book").resolve("02.mp3"));
        copy(made.resolve("book.m4b"), harness.converted().resolve("Old Book").resolve("Old Book.m4b"));
        copy(made.resolve("one.mp3"), harness.archive().resolve("Old Book").resolve("01.mp3"));
        Files.createDirectories(harness.failed());
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    @ParameterizedTest
    @EnumSource(Misconfiguration.class)
    void theStartAndValidateRefuseItAndNothingChanges(Misconfiguration misconfiguration) throws Exception {
        List<String> options = misconfiguration.options(harness);
        String problem = "problem: " + misconfiguration.problem(harness);

        assertRefusedByBoth(options, problem);
    }

    /**
     * A WORKING_FOLDER on a read-only mount (every book would otherwise fail and land in the failed folder): a
     * tmpfs mounted read-only. Skipped where mounting is not allowed (it needs root with CAP_SYS_ADMIN).
     */
    @Test
    void aWorkingFolderOnAReadOnlyMountIsRefused() throws Exception {
        Path mountPoint = Files.createDirectories(harness.staging().resolve("read-only"));
        try (Tmpfs readOnly = Tmpfs.mountOn(mountPoint, "ro,size=1m")) {
            assertRefusedByBoth(List.of("--working-folder=" + mountPoint), "problem: WORKING_FOLDER=" + mountPoint
                + " is not readable and writable by this user (permissions, or a read-only mount)");
            assertRefusedByBoth(List.of("--working-folder=" + mountPoint.resolve("working")), "problem: WORKING_FOLDER="
                + mountPoint.resolve("working") + " cannot be created: " + mountPoint + " is not writable by this user");
        }
    }

    private void assertRefusedByBoth(List<String> options, String problem) {
        Map<String, String> before = everyFile();
        List<String> entriesBefore = everyEntry();

        ServiceProcess once = harness.start("once", concat(options, "--once"));
        ServiceProcess validate = harness.start("validate", concat(options, "--validate"));
        int onceExit = once.awaitExit(Duration.ofSeconds(60));
        int validateExit = validate.awaitExit(Duration.ofSeconds(60));

        assertThat(onceExit).as("--once exit code; log: %s", once.log()).isEqualTo(AutoM4bCommand.EXIT_CONFIG);
        assertThat(validateExit).as("--validate exit code; log: %s", validate.log()).isEqualTo(AutoM4bCommand.EXIT_CONFIG);
        assertThat(once.log().lines()).as("the start names the problem").anyMatch(line -> line.startsWith(problem));
        String line = once.log().lines().filter(l -> l.startsWith(problem)).findFirst().orElseThrow();
        assertThat(validate.log().lines()).as("--validate prints the same line").contains(line);
        for (ServiceProcess process : List.of(once, validate)) {
            assertThat(process.log()).as("no stack trace from %s", process.name())
                .doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(once.log()).as("Camel never started").doesNotContain("converted,");
        assertThat(everyEntry()).as("no file or folder created or removed").isEqualTo(entriesBefore);
        assertThat(everyFile()).as("every file byte for byte").isEqualTo(before);
    }

    /** SHA-256 of every file under the test's root, the children's logs left out. */
    private Map<String, String> everyFile() {
        Map<String, String> sums = new TreeMap<>(FolderChecksums.of(harness.root()));
        sums.keySet().removeIf(path -> path.startsWith("logs/"));
        return sums;
    }

    /** Every file and folder under the test's root (links not followed), the logs left out. */
    private List<String> everyEntry() {
        try (Stream<Path> entries = Files.walk(harness.root())) {
            return entries.map(p -> harness.root().relativize(p).toString())
                .filter(p -> !p.equals("logs") && !p.startsWith("logs/")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] concat(List<String> options, String more) {
        return Stream.concat(options.stream(), Stream.of(more)).toArray(String[]::new);
    }
}
