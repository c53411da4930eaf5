package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.reliability.FailureFixtures.checksums;
import static org.automb.reliability.FailureFixtures.checksumsWithoutInfo;
import static org.automb.reliability.FailureFixtures.entriesUnder;
import static org.automb.reliability.FailureFixtures.onlyFailedFolder;
import static org.automb.testing.ServiceFiles.scratchLeftIn;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.ErrorClass;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.automb.testing.LogCapture;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * MIN_FREE_SPACE_MB above the free space: the book is refused before anything is written, with a clear transient
 * message, retried, and set aside whole. (A working folder that really fills up: {@link DiskFullTmpfsTest}.)
 */
class DiskFullTest extends PipelineTestSupport {

    private static final String BOOK = "Big Book";
    private static final Pattern MESSAGE = Pattern.compile(
        "book '" + BOOK + "': not enough free space in (\\S.*): \\d+ MB free, (\\d+) MB needed .*", Pattern.DOTALL);

    @Override
    protected Map<String, String> settings() {
        return Map.of("MIN_FREE_SPACE_MB", "10000000", "MAX_RETRIES", "1", "RETRY_BASE_DELAY", "0.2");
    }

    @Test
    void tooLittleFreeSpaceIsATransientFailureThatWritesNothing() throws Exception {
        AtomicReference<Map<String, String>> originals = new AtomicReference<>();
        NotifyBuilder done = booksDone(1);
        List<String> warnings;
        try (LogCapture log = LogCapture.start()) {
            drop(BOOK, folder -> {
                AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("title", "One"));
                AUDIO.mp3(folder.resolve("02.mp3"), 1.0, tags("title", "Two"));
                originals.set(checksums(folder));
            });
            awaitBooks(done);
            warnings = log.messages().stream().filter(m -> m.contains("not enough free space")).toList();
        }

        assertThat(warnings).as("a clear line for each of the two attempts").hasSize(2);
        assertThat(warnings.get(0)).matches(MESSAGE).contains("(attempt 1 of 2); retrying in 200 ms");
        assertThat(warnings.get(1)).matches(MESSAGE).contains("gave up after 2 attempt(s)");
        var matcher = MESSAGE.matcher(warnings.get(0));
        assertThat(matcher.matches()).isTrue();
        assertThat(matcher.group(1)).isEqualTo(working().toString());
        assertThat(Long.parseLong(matcher.group(2))).as("MB needed").isGreaterThanOrEqualTo(10_000_000L);

        // nothing half-written anywhere, the originals set aside whole
        assertThat(entriesUnder(converted())).as("no partial output").isEmpty();
        assertThat(scratchLeftIn(working())).as("no book scratch left in the working folder").isEmpty();
        assertThat(entriesUnder(inbox())).isEmpty();
        Path folder = onlyFailedFolder(failed(), BOOK);
        assertThat(checksumsWithoutInfo(folder)).isEqualTo(originals.get());
        assertThat(Files.readString(folder.resolve("FAILED_INFO.txt"), StandardCharsets.UTF_8))
            .contains("Error type:   transient")
            .contains("Attempts:     2 (max retries 1)")
            .containsPattern("not enough free space in .*: \\d+ MB free, \\d+ MB needed");

        Job job = ledger().store().find(BOOK).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.attempts()).isEqualTo(2);
        assertThat(job.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
    }
}
