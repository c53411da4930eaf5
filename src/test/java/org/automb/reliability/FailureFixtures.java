package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.testing.ServiceFiles.scratchLeftIn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.automb.jobs.store.JobEvent;
import org.automb.jobs.store.JobState;

/** What the reliability tests check again and again: checksums, the failed folder, the failures in the job events. */
final class FailureFixtures {

    /** {@code <book name>_<YYYY-mm-dd_HH-MM-SS>}, with {@code _2}, {@code _3}... after a name collision. */
    private static final String STAMP = "_\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}(_\\d+)?";

    private FailureFixtures() {
    }

    /** SHA-256 of every regular file under {@code folder}, by relative path. */
    static Map<String, String> checksums(Path folder) {
        return org.automb.testing.FolderChecksums.of(folder);
    }

    /** Checksums without the one file the dead letter adds. */
    static Map<String, String> checksumsWithoutInfo(Path folder) {
        Map<String, String> sums = checksums(folder);
        sums.remove("FAILED_INFO.txt");
        sums.remove("auto-m4b.log");
        return sums;
    }

    /** Random bytes (seeded, so every run sees the same "audio") that no decoder accepts. */
    static Path randomBytes(Path file, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    /** The folders directly under {@code failed} that belong to {@code bookName}. */
    static List<Path> failedFoldersOf(Path failed, String bookName) {
        Pattern pattern = Pattern.compile(Pattern.quote(bookName) + STAMP);
        try (Stream<Path> entries = Files.list(failed)) {
            return entries.filter(p -> pattern.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one folder the book was set aside in; fails unless there is exactly one and nothing else in FAILED_FOLDER. */
    static Path onlyFailedFolder(Path failed, String bookName) {
        List<Path> folders = failedFoldersOf(failed, bookName);
        assertThat(folders).as("one failed folder named '%s_<YYYY-mm-dd_HH-MM-SS>'", bookName).hasSize(1);
        try (Stream<Path> entries = Files.list(failed)) {
            assertThat(entries.toList()).as("nothing else in the failed folder").containsExactlyElementsOf(folders);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folders.get(0);
    }

    /** The events that recorded a failed attempt (retry scheduled, or failed for good), oldest first. */
    static List<JobEvent> failures(List<JobEvent> events) {
        return events.stream()
            .filter(e -> e.to() == JobState.RETRY_SCHEDULED || e.to() == JobState.FAILED && e.from() != JobState.FAILED)
            .toList();
    }

    /** Every file and folder under {@code folder}, relative, sorted: empty when nothing at all is left there. */
    /**
     * A book whose two attempts both timed out: failed as transient after 2 attempts, set aside whole with a
     * FAILED_INFO.txt that says so, nothing left in the working or converted folder.
     */
    static void assertTimedOutTwiceAndSetAside(org.automb.jobs.store.Job job, Path failed, Map<String, String> originals,
                                               Path working, Path converted) throws IOException {
        assertThat(job.state()).isEqualTo(org.automb.jobs.store.JobState.FAILED);
        assertThat(job.errorClass()).as("a timeout is transient")
            .isEqualTo(org.automb.jobs.store.ErrorClass.TRANSIENT);
        assertThat(job.attempts()).isEqualTo(2);
        assertThat(job.errorMessage()).contains("timed out");
        Path folder = onlyFailedFolder(failed, job.key());
        assertThat(checksumsWithoutInfo(folder)).as("the originals, byte for byte")
            .isEqualTo(originals);
        assertThat(Files.readString(folder.resolve("FAILED_INFO.txt"), java.nio.charset.StandardCharsets.UTF_8))
            .contains("Error type:   transient")
            .contains("Attempts:     2 (max retries 1)")
            .contains("timed out");
        assertThat(scratchLeftIn(working)).as("nothing left of the stopped attempts").isEmpty();
        assertThat(entriesUnder(converted)).isEmpty();
    }

    /** ffmpeg processes started (directly or not) by this JVM and still alive. */
    static List<String> ffmpegChildren() {
        return ProcessHandle.current().descendants()
            .filter(ProcessHandle::isAlive)
            .map(p -> p.info().commandLine().or(() -> p.info().command()).orElse(""))
            .filter(command -> command.contains("ffmpeg"))
            .toList();
    }

    static List<String> entriesUnder(Path folder) {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.walk(folder)) {
            return entries.filter(p -> !p.equals(folder)).map(p -> folder.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
