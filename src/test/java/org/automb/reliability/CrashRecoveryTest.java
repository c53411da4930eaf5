package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.automb.reliability.ChildServiceHarness.checksums;
import static org.automb.reliability.ChildServiceHarness.filesUnder;
import static org.automb.testing.ServiceFiles.filesWithoutLock;
import static org.automb.testing.ServiceFiles.scratchLeftIn;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.automb.audio.ProgressMonitor;
import org.automb.jobs.store.EventCause;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobEvent;
import org.automb.jobs.store.JobState;
import org.automb.media.ffmpeg.FfmpegTools;
import org.automb.testing.M4bInspector;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fault injection: the service is killed with SIGKILL while it converts, then started again with {@code --once}.
 * Every book must end converted exactly once, every original archived byte for byte, nothing half-written anywhere.
 */
class CrashRecoveryTest {

    /** Long enough (about 2.5 s of encoding each on a 2-core machine) to be caught mid-way. */
    private static final Map<String, Double> BOOKS = new TreeMap<>(Map.of(
        "Book A", 240.0, "Book B", 250.0, "Book C", 260.0, "Book D", 270.0));

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    @Test
    void aServiceKilledMidConversionConvertsEveryBookExactlyOnceAfterARestart() throws Exception {
        FfmpegTools tools = FfmpegTools.resolve(null, null);
        generateBooks(tools);
        Map<String, String> originals = checksums(harness.inbox());
        assertThat(originals).hasSize(BOOKS.size());
        harness.createStore();

        ServiceProcess first = harness.start("run-1-killed");
        // an encode is under way: ffmpeg has written part of the audio, not all of it
        Path progress = await("an encode in progress").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
            .until(harness::encodeMidWay, Optional::isPresent).orElseThrow();
        double doneSeconds = ProgressMonitor.lastOutTimeSeconds(progress);
        first.kill();
        System.out.printf("CrashRecoveryTest: killed PID %d %.1f s after start, with %s at %.0f s of audio%n",
            first.pid(), first.secondsSinceStart(), harness.working().relativize(progress), doneSeconds);

        // what the crash left: jobs caught converting, scraps in the working folder, nothing half-written delivered
        Map<String, JobState> atCrash = new LinkedHashMap<>();
        harness.store(store -> store.inStates(JobState.values())).forEach(job -> atCrash.put(job.key(), job.state()));
        assertThat(atCrash).as("jobs at the crash").containsValue(JobState.CONVERTING);
        assertThat(scratchLeftIn(harness.working())).as("the kill left an attempt in the working folder").isNotEmpty();
        for (String file : filesUnder(harness.converted())) {
            assertThat(file).as("no partial file in the converted folder").doesNotEndWith(".partial");
            if (file.endsWith(".m4b")) {
                String book = file.substring(0, file.indexOf('/'));
                assertThat(atCrash.get(book)).as("an .m4b in the converted folder at the crash (%s) belongs to a finished book", file)
                    .isEqualTo(JobState.DONE);
            }
        }

        ServiceProcess second = harness.start("run-2-once", "--once");
        int exit = second.awaitExit(Duration.ofMinutes(3));
        System.out.printf("CrashRecoveryTest: the restart converted the rest in %.1f s%n", second.secondsSinceStart());
        assertThat(exit).as("exit code of the --once restart").isZero();
        assertThat(second.log()).contains("interrupted by the last shutdown or crash are queued again");
        // a kill during an in-JVM encode looks like a native crash: that book goes to an ffmpeg process this time
        assertThat(second.log()).contains("encoding it with an ffmpeg process this time");

        // every book converted exactly once, and only into the converted folder
        List<String> expectedOutputs = BOOKS.keySet().stream().map(b -> b + "/" + b + ".m4b").sorted().toList();
        assertThat(filesUnder(harness.converted()).stream().filter(f -> f.endsWith(".m4b")).toList())
            .as("one .m4b per book in the converted folder").containsExactlyElementsOf(expectedOutputs);
        assertThat(allFiles().stream().filter(f -> f.endsWith(".m4b")).toList())
            .as("no .m4b anywhere but the converted folder")
            .containsExactlyElementsOf(expectedOutputs.stream().map(f -> "converted/" + f).toList());
        assertThat(allFiles()).as("no partial files anywhere").noneMatch(f -> f.contains(".partial"));
        assertThat(scratchLeftIn(harness.working())).as("no book scratch left in the working folder").isEmpty();
        assertThat(filesUnder(harness.failed())).as("nothing failed").isEmpty();
        M4bInspector inspector = new M4bInspector(tools);
        BOOKS.forEach((book, seconds) -> {
            M4bInspector.M4bFacts facts = inspector.inspect(harness.converted().resolve(book).resolve(book + ".m4b"));
            assertThat(facts.codec()).as(book).isEqualTo("aac");
            assertThat(facts.durationSeconds()).as("duration of %s", book).isCloseTo(seconds, within(0.5));
        });

        // nothing lost: every original archived unchanged, the inbox empty
        assertThat(checksums(harness.archive())).as("originals in the archive, byte for byte").isEqualTo(originals);
        assertThat(filesWithoutLock(harness.inbox())).as("inbox").isEmpty();

        // the job store agrees: all done, each exactly once; the interrupted ones were requeued at start-up
        List<Job> jobs = harness.store(store -> store.inStates(JobState.values()));
        assertThat(jobs).extracting(Job::key).containsExactlyInAnyOrderElementsOf(BOOKS.keySet());
        assertThat(jobs).extracting(Job::state).containsOnly(JobState.DONE);
        for (Job job : jobs) {
            List<JobEvent> events = harness.store(store -> store.events(job.key()));
            assertThat(events.stream().filter(e -> e.to() == JobState.DONE).count())
                .as("DONE events of %s: %s", job.key(), events).isEqualTo(1);
            if (atCrash.get(job.key()) == JobState.CONVERTING) {
                assertThat(events).as("events of %s, interrupted by the kill", job.key())
                    .anyMatch(e -> e.cause() == EventCause.STARTUP && e.to() == JobState.RETRY_SCHEDULED);
            }
        }
    }

    private void generateBooks(FfmpegTools tools) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<Path>> books = new ArrayList<>();
            BOOKS.forEach((book, seconds) -> books.add(pool.submit(() -> harness.dropMp3Book(new TestAudio(tools), book, seconds))));
            for (Future<Path> book : books) {
                book.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every file under the temporary root (logs and staging aside), relative to it. */
    private List<String> allFiles() {
        return filesUnder(harness.root()).stream().filter(f -> !f.startsWith("logs/") && !f.startsWith("staging/")).toList();
    }
}
