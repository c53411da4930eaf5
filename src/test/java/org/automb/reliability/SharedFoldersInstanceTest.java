package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.reliability.ChildServiceHarness.checksums;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.automb.app.AutoM4bCommand;
import org.automb.audio.ProgressMonitor;
import org.automb.io.WorkArea;
import org.automb.jobs.FolderLocks;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobEvent;
import org.automb.jobs.store.JobState;
import org.automb.media.ffmpeg.FfmpegTools;
import org.automb.testing.ServiceFiles;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One instance per set of folders, whatever its CONFIG_FOLDER: a second instance sharing only the inbox, the
 * converted or the working folder with a running one is refused (exit 4, naming the first's PID and folders) before
 * it touches anything, and the first converts its books undisturbed. The start-up cleanup removes only the
 * service's own scratch: a user's files in WORKING_FOLDER survive a start, also one after a SIGKILL.
 */
class SharedFoldersInstanceTest {

    /** Long enough (a few seconds of encoding each) for the first instance to be converting when the second starts. */
    private static final Map<String, Double> BOOKS = new TreeMap<>(Map.of("Book A", 300.0, "Book B", 310.0, "Book C", 320.0));

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    @ParameterizedTest(name = "sharing only {0}")
    @ValueSource(strings = {"--inbox-folder", "--converted-folder", "--working-folder"})
    void aSecondInstanceSharingOneFolderIsRefusedAndTheFirstConvertsItsBooksUndisturbed(String shared) throws Exception {
        FfmpegTools tools = FfmpegTools.resolve(null, null);
        dropBooks(tools);
        Map<String, String> originals = checksums(harness.inbox());
        harness.createStore();
        ServiceProcess first = harness.start("first");
        await("the first instance converts").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
            .until(() -> encodeUnderWay(0).isPresent());
        // what a start-up cleanup on the first's working folder would remove, whether or not the first still converts
        Path sentinel = Files.writeString(Files.createDirectories(WorkArea.root(harness.working()).resolve("b-000000000000"))
            .resolve("audio.m4a"), "scratch of an attempt under way");

        // the second instance: folders of its own, a book of its own, but one folder of the first's
        Path own = harness.root().resolve("second");
        new TestAudio(tools).mp3(own.resolve("inbox").resolve("Other").resolve("Other.mp3"), 2.0, Map.of("title", "Other"));
        Map<String, String> secondBefore = checksums(own);
        Map<String, String> firstOwnBefore = serviceFilesOfTheFirst();
        List<String> options = new ArrayList<>();
        for (String folder : List.of("inbox", "converted", "working", "config", "archive", "failed", "backup")) {
            options.add("--" + folder + "-folder=" + own.resolve(folder));
        }
        options.removeIf(option -> option.startsWith(shared + "="));
        Path sharedFolder = harness.root().resolve(shared.substring(2, shared.indexOf("-folder")));
        options.add(shared + "=" + sharedFolder);
        options.add("--once");
        ServiceProcess second = harness.start("second", options.toArray(String[]::new));
        int exit = second.awaitExit(Duration.ofMinutes(1));
        System.out.printf("SharedFoldersInstanceTest (%s): the second instance exited with %d after %.1f s%n", shared, exit,
            second.secondsSinceStart());

        String setting = shared.substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
        assertThat(exit).as("exit code of the second instance").isEqualTo(AutoM4bCommand.EXIT_ALREADY_RUNNING);
        assertThat(second.log()).as("message of the second instance")
            .contains("already running on " + setting + "=" + sharedFolder)
            .contains("PID " + first.pid())
            .contains("INBOX_FOLDER=" + harness.inbox().toRealPath())
            .contains("WORKING_FOLDER=" + harness.working().toRealPath())
            .contains("CONVERTED_FOLDER=" + harness.converted().toRealPath())
            .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(first.isAlive()).as("the first instance is unaffected").isTrue();
        assertThat(serviceFilesOfTheFirst()).as("the first's lock files and working area mark").isEqualTo(firstOwnBefore);
        assertThat(sentinel).as("scratch in the first's working area").hasContent("scratch of an attempt under way");
        assertThat(withoutLocks(checksums(own))).as("the second's own book, untouched and still in its inbox").isEqualTo(secondBefore);

        // the first converts every book exactly once, at its first attempt: nothing it was working on was touched
        await("the first instance converts every book").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
            .until(() -> harness.store(store -> store.inStates(JobState.values())).stream().filter(job -> job.state() == JobState.DONE).count() == BOOKS.size());
        assertThat(first.isAlive()).isTrue();
        List<Job> jobs = harness.store(store -> store.inStates(JobState.values()));
        assertThat(jobs).extracting(Job::key).containsExactlyInAnyOrderElementsOf(BOOKS.keySet());
        assertThat(jobs).extracting(Job::attempts).as("failed attempts").containsOnly(0);
        for (Job job : jobs) {
            List<JobEvent> events = harness.store(store -> store.events(job.key()));
            assertThat(events).as("events of %s", job.key()).noneMatch(e -> e.to() == JobState.RETRY_SCHEDULED || e.to() == JobState.FAILED);
            assertThat(harness.converted().resolve(job.key()).resolve(job.key() + ".m4b")).isNotEmptyFile();
        }
        await("the originals archived").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
            .until(() -> checksums(harness.archive()).equals(originals));
        assertThat(ServiceFiles.filesWithoutLock(harness.failed())).as("nothing failed").isEmpty();
        first.kill();
    }

    @Test
    void afterASigkillAnInstanceWithAnotherConfigFolderOnTheSameFoldersStartsAndConverts() throws Exception {
        ServiceProcess first = harness.start("first");
        Path inboxLock = harness.inbox().resolve(FolderLocks.LOCK_FILE);
        await("the first instance holds the inbox").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
            .until(() -> firstLine(inboxLock).equals(String.valueOf(first.pid())));
        first.kill();

        harness.dropMp3Book(TestAudio.bundled(), "After Kill", 2.0);
        ServiceProcess second = harness.start("second", "--config-folder=" + harness.root().resolve("config2"), "--once");
        int exit = second.awaitExit(Duration.ofMinutes(2));

        assertThat(exit).as("exit code of the instance started after the kill").isZero();
        assertThat(harness.converted().resolve("After Kill").resolve("After Kill.m4b")).isNotEmptyFile();
        assertThat(ServiceFiles.filesWithoutLock(harness.inbox())).isEmpty();
    }

    @Test
    void usersFilesInTheWorkingFolderSurviveAStartAfterASigkillThatRemovesTheKilledAttempt() throws Exception {
        Path working = Files.createDirectories(harness.working());
        Files.writeString(working.resolve("notes.txt"), "the user's notes");
        Files.writeString(Files.createDirectories(working.resolve("Old Book")).resolve("01.mp3"), "not really audio");
        Files.writeString(Files.createDirectories(working.resolve("b-0123456789ab")).resolve("keep.txt"), "a generated-looking name");
        Map<String, String> usersFiles = checksums(working);
        FfmpegTools tools = FfmpegTools.resolve(null, null);
        dropBooks(tools);
        Map<String, String> originals = checksums(harness.inbox());
        harness.createStore();

        ServiceProcess first = harness.start("run-1-killed");
        await("an encode in progress").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
            .until(() -> encodeUnderWay(20).isPresent());
        first.kill();
        assertThat(ServiceFiles.scratchLeftIn(working)).as("the kill left an attempt in the working area")
            .anyMatch(entry -> entry.startsWith(WorkArea.FOLDER + "/b-"));

        ServiceProcess second = harness.start("run-2-once", "--once");
        int exit = second.awaitExit(Duration.ofMinutes(3));

        assertThat(exit).as("exit code of the --once restart").isZero();
        assertThat(ServiceFiles.scratchLeftIn(working)).as("the user's files, and no scratch")
            .noneMatch(entry -> entry.startsWith(WorkArea.FOLDER + "/"));
        Map<String, String> after = withoutLocks(checksums(working));
        after.remove(WorkArea.FOLDER + "/" + WorkArea.OWNER);
        assertThat(after).as("the user's files in WORKING_FOLDER, byte for byte").isEqualTo(usersFiles);
        for (String book : BOOKS.keySet()) {
            assertThat(harness.converted().resolve(book).resolve(book + ".m4b")).isNotEmptyFile();
        }
        assertThat(checksums(harness.archive())).as("originals archived byte for byte").isEqualTo(originals);
    }

    private void dropBooks(FfmpegTools tools) {
        BOOKS.forEach((book, seconds) -> harness.dropMp3Book(new TestAudio(tools), book, seconds));
    }

    /** The progress file of an encode in the working area that has written at least {@code seconds} of audio and not finished. */
    private Optional<Path> encodeUnderWay(double seconds) {
        Path area = WorkArea.root(harness.working());
        if (!Files.isDirectory(area)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(area)) {
            return files.filter(p -> p.getFileName().toString().equals("encode.progress"))
                .filter(p -> ProgressMonitor.lastOutTimeSeconds(p) >= seconds && !readQuietly(p).contains("progress=end"))
                .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty(); // a book's folder removed during the walk
        }
    }

    /** Checksums of what the first instance keeps for itself: its lock files and the mark of its working area. */
    private Map<String, String> serviceFilesOfTheFirst() {
        Map<String, String> sums = new TreeMap<>();
        for (Path folder : List.of(harness.inbox(), harness.working(), harness.converted())) {
            sums.put(folder.resolve(FolderLocks.LOCK_FILE).toString(), readQuietly(folder.resolve(FolderLocks.LOCK_FILE)));
        }
        sums.put("config lock", readQuietly(harness.config().resolve("auto-m4b.lock")));
        sums.put("OWNER", readQuietly(WorkArea.root(harness.working()).resolve(WorkArea.OWNER)));
        return sums;
    }

    private static Map<String, String> withoutLocks(Map<String, String> checksums) {
        Map<String, String> sums = new TreeMap<>(checksums);
        sums.keySet().removeIf(path -> path.endsWith(FolderLocks.LOCK_FILE) || path.endsWith("auto-m4b.lock"));
        return sums;
    }

    private static String firstLine(Path file) {
        return readQuietly(file).lines().findFirst().orElse("");
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
