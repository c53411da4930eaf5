package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.reliability.ChildServiceHarness.checksums;
import static org.automb.reliability.ChildServiceHarness.filesUnder;
import static org.automb.testing.ServiceFiles.filesWithoutLock;
import static org.automb.testing.ServiceFiles.scratchLeftIn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobEvent;
import org.automb.jobs.store.JobState;
import org.automb.media.ffmpeg.FfmpegTools;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 200 small books in one {@code --once} run of a child JVM (default heap): all converted, none twice, none lost.
 * Prints the wall time and the child's peak resident memory.
 */
class LoadTest {

    private static final int BOOKS = 200;

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    @Test
    void twoHundredBooksAreAllConvertedExactlyOnce() throws Exception {
        List<String> books = IntStream.rangeClosed(1, BOOKS).mapToObj(i -> String.format("Book %03d", i)).toList();
        long generating = System.nanoTime();
        generate(books);
        System.out.printf("LoadTest: generated %d books in %.1f s%n", BOOKS, (System.nanoTime() - generating) / 1e9);
        Map<String, String> originals = checksums(harness.inbox());
        assertThat(originals).hasSize(BOOKS);
        harness.createStore();

        ServiceProcess service = harness.start("load-once", "--once");
        service.sampleMemory(Duration.ofMillis(100));
        int exit = service.awaitExit(Duration.ofMinutes(10));
        double seconds = service.secondsSinceStart();
        long peakKb = service.peakRssKb();
        System.out.printf("LoadTest: %d books in %.1f s, peak RSS %d MB (child JVM, default heap, %d cores)%n",
            BOOKS, seconds, peakKb / 1024, Runtime.getRuntime().availableProcessors());
        assertThat(exit).as("exit code").isZero();
        assertThat(service.log()).contains("auto-m4b: " + BOOKS + " converted, 0 failed, 0 skipped");

        // all converted, once each, only in the converted folder
        List<String> expected = books.stream().map(b -> b + "/" + b + ".m4b").toList();
        assertThat(filesUnder(harness.converted()).stream().filter(f -> f.endsWith(".m4b")).toList())
            .as("one .m4b per book").containsExactlyElementsOf(expected);
        assertThat(filesUnder(harness.root())).as("no partial files").noneMatch(f -> f.contains(".partial"));
        assertThat(scratchLeftIn(harness.working())).as("working folder").isEmpty();
        assertThat(filesUnder(harness.failed())).as("failed folder").isEmpty();

        // none lost: every original archived byte for byte, the inbox empty
        assertThat(checksums(harness.archive())).as("archived originals").isEqualTo(originals);
        assertThat(filesWithoutLock(harness.inbox())).as("inbox").isEmpty();

        // the job store: 200 jobs, all DONE, each with exactly one DONE event
        harness.store(store -> {
            List<Job> jobs = store.inStates(JobState.values());
            assertThat(jobs).extracting(Job::key).containsExactlyInAnyOrderElementsOf(books);
            assertThat(jobs.stream().filter(j -> j.state() != JobState.DONE).map(j -> j + " " + store.events(j.key())).toList())
                .as("jobs not DONE, with their events").isEmpty();
            for (Job job : jobs) {
                List<JobEvent> events = store.events(job.key());
                assertThat(events.stream().filter(e -> e.to() == JobState.DONE).count())
                    .as("DONE events of %s: %s", job.key(), events).isEqualTo(1);
            }
            return null;
        });
    }

    /** Each book is made in staging by one of several threads and moved into the inbox whole. */
    private void generate(List<String> books) throws Exception {
        FfmpegTools tools = FfmpegTools.resolve(null, null);
        ExecutorService pool = Executors.newFixedThreadPool(2 * Runtime.getRuntime().availableProcessors());
        try {
            List<Future<?>> made = new ArrayList<>();
            for (String book : books) {
                made.add(pool.submit(() -> harness.dropMp3Book(new TestAudio(tools), book, 0.5)));
            }
            for (Future<?> book : made) {
                book.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
