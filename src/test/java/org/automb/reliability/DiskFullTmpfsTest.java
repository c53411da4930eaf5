package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.automb.reliability.FailureFixtures.checksums;
import static org.automb.reliability.FailureFixtures.checksumsWithoutInfo;
import static org.automb.reliability.FailureFixtures.entriesUnder;
import static org.automb.reliability.FailureFixtures.onlyFailedFolder;
import static org.automb.testing.ServiceFiles.scratchLeftIn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.ErrorClass;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.automb.testing.LogCapture;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The working folder really fills up (a 2 MB tmpfs; the free-space check passes, but the working folder must hold
 * the encoded audio and the muxed book at once): "No space left on device" is a transient failure, nothing
 * half-written is left anywhere, and the originals are set aside whole. Skipped where tmpfs cannot be mounted
 * (it needs root with CAP_SYS_ADMIN).
 */
class DiskFullTmpfsTest extends PipelineTestSupport {

    private static final String BOOK = "Long Book";
    private static Tmpfs tmpfs;

    @BeforeAll
    static void mountTinyTmpfs() throws Exception {
        tmpfs = Tmpfs.mount(2);
    }

    /** After the last test: Camel has stopped, nothing uses the tmpfs any more. */
    @AfterAll
    static void unmount() throws Exception {
        if (tmpfs != null) {
            tmpfs.close();
        }
    }

    @Override
    protected Path working() {
        return tmpfs.root().resolve("working");
    }

    @Override
    protected Map<String, String> settings() {
        // the output is forced well above the source's bitrate, so the check (based on the sources' size) passes
        return Map.of("MIN_FREE_SPACE_MB", "0", "MAX_RETRIES", "1", "RETRY_BASE_DELAY", "0.2", "AUDIO_BITRATE", "256");
    }

    @Test
    void aWorkingFolderThatFillsUpIsATransientFailureThatLeavesNothingBehind() throws Exception {
        long freeBefore = Files.getFileStore(working()).getUsableSpace();
        AtomicReference<Map<String, String>> originals = new AtomicReference<>();
        NotifyBuilder done = booksDone(1);
        List<String> lines;
        try (LogCapture log = LogCapture.start()) {
            // 60 s stereo at 64 kbps: 0.5 MB passes the free-space check; encoded at 256 kbps (1.9 MB) the audio and the m4b do not fit in 2 MB
            drop(BOOK, folder -> {
                AUDIO.mp3(folder.resolve("01 - Long.mp3"), 60.0, 44100, 2, tags("title", "Long"));
                originals.set(checksums(folder));
            });
            assertThat(done.matches(60, TimeUnit.SECONDS)).as("book processed in time").isTrue();
            lines = log.messages();
        }

        assertThat(lines).as("the disk-full reason, for each attempt")
            .filteredOn(m -> m.toLowerCase().contains("no space left on device")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines).anyMatch(m -> m.contains("(attempt 1 of 2); retrying in 200 ms"));

        Job job = ledger().store().find(BOOK).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.errorClass()).as("a full disk is transient").isEqualTo(ErrorClass.TRANSIENT);
        assertThat(job.attempts()).isEqualTo(2);
        assertThat(job.errorMessage()).containsIgnoringCase("no space left on device");

        assertThat(scratchLeftIn(working())).as("no partial file in the working folder").isEmpty();
        assertThat(Files.getFileStore(working()).getUsableSpace()).as("the space is given back").isEqualTo(freeBefore);
        assertThat(entriesUnder(converted())).as("no partial output").isEmpty();
        assertThat(entriesUnder(inbox())).isEmpty();
        Path folder = onlyFailedFolder(failed(), BOOK);
        assertThat(checksumsWithoutInfo(folder)).as("the originals, byte for byte").isEqualTo(originals.get());
        assertThat(Files.readString(folder.resolve("FAILED_INFO.txt"), StandardCharsets.UTF_8))
            .contains("Error type:   transient")
            .contains("Attempts:     2 (max retries 1)")
            .containsIgnoringCase("no space left on device");
    }
}
