package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.automb.reliability.ChildServiceHarness.checksums;
import static org.automb.reliability.ChildServiceHarness.filesUnder;
import static org.automb.testing.ServiceFiles.filesWithoutLock;
import static org.automb.testing.ServiceFiles.scratchLeftIn;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.automb.testing.M4bInspector;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code docker stop}: a SIGTERM ends the service in well under Docker's 10 s grace period, whatever it is doing. A
 * book being encoded (in the JVM or by an ffmpeg process) is abandoned, nothing of it delivered, nothing counted
 * against it, and converted after the restart; a book waiting for its retry keeps its place in the job store.
 */
class StopTest {

    /**
     * What the stop may take, JVM exit included: the service's worst case (Camel's forced stop at 5 s, the JVM hook's
     * 3 s more), under Docker's SIGKILL at 10 s. It takes 1 to 2 s; one forced by the timeout logs a WARN, which
     * {@link #assertStoppedCleanly} fails on.
     */
    private static final Duration STOP_LIMIT = Duration.ofSeconds(8);
    private static final String BOOK = "Long Book";
    /** Three WAV parts (three chapters) of 44.1 kHz stereo: quick to generate, about 10 s to encode on one core. */
    private static final double PART_SECONDS = 200;
    private static final int PARTS = 3;
    private static final Pattern WARN_OR_ERROR = Pattern.compile("(?m)^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} (WARN|ERROR)");

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    @Test
    void aStopDuringAnInJvmEncodeEndsAtOnceAndTheBookIsConvertedAfterTheRestart() throws Exception {
        stopDuringAnEncodeThenRestart("libav");
    }

    @Test
    void aStopDuringAnFfmpegEncodeEndsAtOnceKillsFfmpegAndTheBookIsConvertedAfterTheRestart() throws Exception {
        stopDuringAnEncodeThenRestart("ffmpeg");
    }

    private void stopDuringAnEncodeThenRestart(String encoder) throws Exception {
        TestAudio audio = TestAudio.bundled();
        Path stage = harness.staging().resolve(BOOK);
        for (int part = 1; part <= PARTS; part++) {
            audio.wav(stage.resolve(String.format("%02d.wav", part)), PART_SECONDS, 44100, 2);
        }
        Files.move(stage, harness.inbox().resolve(BOOK));
        Map<String, String> originals = inboxChecksums();
        harness.createStore();

        // one core: one encoder, so the book takes long enough to be stopped mid-way
        ServiceProcess first = harness.start("run-1-stopped", "--cpu-cores=1", "--encoder=" + encoder);
        await("an encode in progress").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
            .until(harness::encodeMidWay, Optional::isPresent);
        List<ProcessHandle> children = ProcessHandle.of(first.pid()).map(p -> p.descendants().toList()).orElse(List.of());
        if (encoder.equals("ffmpeg")) {
            assertThat(children).as("the ffmpeg process encoding the book").isNotEmpty();
        }
        int logBeforeStop = first.log().length();
        ServiceProcess.Stopped stopped = first.terminate(Duration.ofSeconds(30));
        System.out.printf("StopTest (%s): SIGTERM during the encode: exit %d after %.2f s%n", encoder, stopped.exitCode(),
            stopped.seconds());

        assertStoppedCleanly(first, stopped, logBeforeStop);
        for (ProcessHandle child : children) {
            assertThat(child.isAlive()).as("process %d (%s) the service started, after the stop", child.pid(),
                child.info().commandLine().orElse("?")).isFalse();
        }
        String root = harness.root().toString();
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(root)).orElse(false)).toList())
            .as("processes still working on the test's folders after the stop").isEmpty();
        assertThat(filesWithoutLock(harness.converted())).as("nothing delivered of the abandoned encode").isEmpty();
        assertThat(filesUnder(harness.failed())).as("a stop sends no book to the failed folder").isEmpty();
        assertThat(inboxChecksums()).as("the originals untouched in the inbox").isEqualTo(originals);
        Job atStop = harness.store(store -> store.find(BOOK)).orElseThrow();
        assertThat(atStop.attempts()).as("the abandoned attempt is not counted against the book").isZero();
        assertThat(atStop.state()).as("left converting, for the next start to queue it again").isEqualTo(JobState.CONVERTING);
        assertThat(scratchLeftIn(harness.working())).as("the abandoned attempt's scratch folder, removed").isEmpty();

        ServiceProcess second = harness.start("run-2-once", "--once", "--encoder=" + encoder);
        assertThat(second.awaitExit(Duration.ofMinutes(3))).as("exit code of the --once restart").isZero();
        Path output = harness.converted().resolve(BOOK).resolve(BOOK + ".m4b");
        M4bInspector.M4bFacts facts = new M4bInspector(audio.tools()).inspect(output);
        assertThat(facts.chapters()).as("one chapter per part").hasSize(PARTS);
        assertThat(facts.durationSeconds()).isCloseTo(PARTS * PART_SECONDS, within(0.5));
        assertThat(checksums(harness.archive())).as("originals archived byte for byte").isEqualTo(originals);
        assertThat(filesWithoutLock(harness.inbox())).isEmpty();
        assertThat(scratchLeftIn(harness.working())).isEmpty();
        Job done = harness.store(store -> store.find(BOOK)).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.DONE);
        assertThat(done.attempts()).as("no failed attempt recorded").isZero();
    }

    @Test
    void aStopWhileARetryIsPendingEndsAtOnceAndTheRetryKeepsItsPlace() throws Exception {
        String book = "Waiting Book";
        harness.dropMp3Book(TestAudio.bundled(), book, 3.0);
        Map<String, String> originals = inboxChecksums();
        harness.createStore();
        // every attempt fails transiently (no disk has 10 TB to spare); the retry waits longer than Docker would
        String delay = "--retry-base-delay=15";
        ServiceProcess first = harness.start("run-1-retry-pending", "--min-free-space-mb=10000000", delay, "--max-retries=3");
        Job scheduled = await("the first attempt failed and the retry is scheduled").atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> harness.store(store -> store.find(book)),
                job -> job.isPresent() && job.get().state() == JobState.RETRY_SCHEDULED)
            .orElseThrow();
        int logBeforeStop = first.log().length();
        ServiceProcess.Stopped stopped = first.terminate(Duration.ofSeconds(30));
        System.out.printf("StopTest (retry pending): SIGTERM: exit %d after %.2f s%n", stopped.exitCode(), stopped.seconds());

        assertStoppedCleanly(first, stopped, logBeforeStop);
        Job afterStop = harness.store(store -> store.find(book)).orElseThrow();
        assertThat(afterStop.state()).as("still waiting for its retry").isEqualTo(JobState.RETRY_SCHEDULED);
        assertThat(afterStop.attempts()).as("attempts as before the stop").isEqualTo(scheduled.attempts()).isEqualTo(1);
        assertThat(afterStop.nextRetryAt()).as("retry time as before the stop").isEqualTo(scheduled.nextRetryAt());
        assertThat(filesUnder(harness.failed())).isEmpty();
        assertThat(inboxChecksums()).isEqualTo(originals);

        ServiceProcess second = harness.start("run-2-once", "--once", delay, "--max-retries=3");
        assertThat(second.awaitExit(Duration.ofMinutes(2))).as("exit code of the --once restart").isZero();
        Job done = harness.store(store -> store.find(book)).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.DONE);
        assertThat(done.attempts()).as("the one failed attempt, counted once").isEqualTo(1);
        assertThat(harness.converted().resolve(book).resolve(book + ".m4b")).isNotEmptyFile();
        assertThat(filesUnder(harness.failed())).isEmpty();
    }

    @Test
    void anIdleServiceStopsAtOnceAndLogsNoWarning() {
        String book = "Short Book";
        harness.dropMp3Book(TestAudio.bundled(), book, 3.0);
        harness.createStore();
        ServiceProcess service = harness.start("run-idle");
        await("the book converted").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
            .until(() -> harness.store(store -> store.find(book)).map(Job::state), state -> state.equals(Optional.of(JobState.DONE)));

        ServiceProcess.Stopped stopped = service.terminate(Duration.ofSeconds(30));
        System.out.printf("StopTest (idle): SIGTERM: exit %d after %.2f s%n", stopped.exitCode(), stopped.seconds());

        assertStoppedCleanly(service, stopped, 0);
    }

    /** The books' files in the inbox, by relative path (the lock file of a running instance aside). */
    private Map<String, String> inboxChecksums() {
        Map<String, String> sums = new java.util.TreeMap<>(checksums(harness.inbox()));
        sums.remove(org.automb.jobs.FolderLocks.LOCK_FILE);
        return sums;
    }

    /** Fast, with the exit code of a stop, and no warning or error logged from the SIGTERM on. */
    private static void assertStoppedCleanly(ServiceProcess process, ServiceProcess.Stopped stopped, int logBeforeStop) {
        assertThat(stopped.exitCode()).as("exit code after SIGTERM").isIn(0, 143);
        assertThat(stopped.seconds()).as("seconds from SIGTERM to exit").isLessThan((double) STOP_LIMIT.toSeconds());
        String afterStop = process.log().substring(logBeforeStop);
        assertThat(WARN_OR_ERROR.matcher(afterStop).find()).as("WARN or ERROR logged by the stop:%n%s", afterStop).isFalse();
    }
}
