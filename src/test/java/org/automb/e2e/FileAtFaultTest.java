package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.JobState;
import org.automb.testing.LogCapture;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code +faststart} .m4a cut short still probes with its full duration (its moov is at the front). Joined by
 * stream copy, encoded with other files, or kept as the book's only .m4b, it fails its book for good, and the job
 * store, the log line and FAILED_INFO.txt all name that file and say it is truncated; the book beside converts.
 */
class FileAtFaultTest extends OriginalsTestSupport {

    private LogCapture log;

    @BeforeEach
    void captureLog() {
        log = LogCapture.start();
    }

    @AfterEach
    void stopCapture() {
        log.close();
    }

    /** The encoder this run uses (the default, in the JVM; {@link FileAtFaultFfmpegTest} runs ffmpeg). */
    protected String encoder() {
        return "libav";
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("ENCODER", encoder());
    }

    @Test
    void aTruncatedFaststartM4aFailsItsBookNamingTheFile() throws Exception {
        NotifyBuilder done = booksDone(4);
        dropBook("Cut Parts", folder -> {
            AUDIO.aacFaststart(folder.resolve("01.m4a"), 3.0, 22050, 1, tags("title", "One"));
            TestAudio.truncate(AUDIO.aacFaststart(folder.resolve("02.m4a"), 8.0, 22050, 1, tags("title", "Two")), 0.5);
            AUDIO.aacFaststart(folder.resolve("03.m4a"), 3.0, 22050, 1, tags("title", "Three"));
        });
        dropBook("Cut Mixed", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 3.0, tags("title", "One"));
            TestAudio.truncate(AUDIO.aacFaststart(folder.resolve("02.m4a"), 8.0, 22050, 1, tags("title", "Two")), 0.5);
        });
        dropBook("Cut Single", folder ->
            TestAudio.truncate(AUDIO.aacFaststart(folder.resolve("Cut Single.m4b"), 8.0, 22050, 1, tags()), 0.5));
        dropBook("Good Book", folder -> {
            AUDIO.aacFaststart(folder.resolve("01.m4a"), 2.0, 22050, 1, tags());
            AUDIO.aacFaststart(folder.resolve("02.m4a"), 2.0, 22050, 1, tags());
        });
        awaitBooks(done);

        assertFailedNaming("Cut Parts", "02.m4a");
        assertFailedNaming("Cut Mixed", "02.m4a");
        assertFailedNaming("Cut Single", "Cut Single.m4b");
        assertThat(ledger().status("Good Book")).isEqualTo(JobState.DONE);
        assertOutput("Good Book", 4.0);
    }

    /** Failed for good; the job store, the log line and FAILED_INFO.txt name the file and say it is truncated. */
    private void assertFailedNaming(String key, String fileName) throws Exception {
        assertThat(ledger().status(key)).as("status of '%s'", key).isEqualTo(JobState.FAILED);
        String named = "book '" + key + "', file '" + fileName + "'";
        assertThat(ledger().message(key).orElseThrow()).as("job store message of '%s'", key)
            .contains(named).contains("truncated");
        assertThat(log.errors()).as("log line of '%s'", key).anyMatch(line -> line.contains(named) && line.contains("truncated"));
        Path folder = failedFolderOf(key);
        assertThat(Files.readString(folder.resolve("FAILED_INFO.txt"), StandardCharsets.UTF_8))
            .as("FAILED_INFO.txt of '%s'", key).contains(named).contains("truncated");
        Map<String, String> sums = Checksums.of(folder);
        sums.remove("FAILED_INFO.txt");
        assertThat(sums.remove("auto-m4b.log")).as("the log of '%s' beside FAILED_INFO.txt", key).isNotNull();
        assertThat(sums).as("the originals of '%s', byte for byte", key).isEqualTo(originals.get(key).sums());
        assertThat(converted().resolve(key)).doesNotExist();
    }

    private Path failedFolderOf(String key) throws Exception {
        try (Stream<Path> folders = Files.list(failed())) {
            List<Path> found = folders.filter(f -> f.getFileName().toString().startsWith(key + "_")).toList();
            assertThat(found).as("failed folder of '%s'", key).hasSize(1);
            return found.get(0);
        }
    }
}
