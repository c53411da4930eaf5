package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.JobState;
import org.automb.testing.LogCapture;
import org.automb.testing.M4bInspector.M4bFacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WAIT_TIME: a book whose files are still changing (a slow copy, a download) is not read until it has been
 * unchanged for WAIT_TIME seconds; then it converts with its full content.
 */
class WaitTimeTest extends OriginalsTestSupport {

    private static final long WAIT_MILLIS = 2000;
    private LogCapture log;

    @Override
    protected Map<String, String> settings() {
        return Map.of("WAIT_TIME", String.valueOf(WAIT_MILLIS / 1000));
    }

    @BeforeEach
    void captureLog() {
        log = LogCapture.start();
    }

    @AfterEach
    void stopCapture() {
        log.close();
    }

    @Test
    void aFileStillBeingWrittenIsNotReadUntilItHasBeenStableForTheWaitTime() throws Exception {
        String key = "Growing Book";
        byte[] whole = Files.readAllBytes(AUDIO.mp3(staging().resolve("whole.mp3"), 3.0, tags("title", "Part")));
        NotifyBuilder done = booksDone(1);
        Path file = drop(key, folder -> Files.write(folder.resolve("01 - Part.mp3"), Arrays.copyOf(whole, 2048)))
            .resolve("01 - Part.mp3");

        // a slow copy: the rest arrives in small pieces for about 3 s
        AtomicLong lastWrite = new AtomicLong();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int at = 2048; at < whole.length; at += 1536) {
                    TimeUnit.MILLISECONDS.sleep(200);
                    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
                        out.write(whole, at, Math.min(1536, whole.length - at));
                    }
                }
                lastWrite.set(Files.getLastModifiedTime(file).toMillis());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().atMost(30, TimeUnit.SECONDS).pollInterval(100, TimeUnit.MILLISECONDS).until(() -> {
            assertThat(ledger().status(key)).as("while the file grows").isIn(null, JobState.WAITING);
            assertThat(filesUnder(converted())).as("no output while the file grows").isEmpty();
            return writer.isDone();
        });
        writer.join();
        awaitBooks(done);

        long started = startedAt(key);
        assertThat(started - lastWrite.get()).as("ms between the last write and the start").isGreaterThanOrEqualTo(WAIT_MILLIS - 20);
        M4bFacts facts = assertOutput(key, 3.0);
        assertThat(facts.chapterTitles()).containsExactly("Part");
        assertThat(INSPECT.decodedSamples(outputOf(key))).as("the whole file was read, not what had arrived")
            .isBetween(Math.round(3.0 * 22050) - 1024, Math.round(3.0 * 22050) + 1024);
        assertThat(log.errors()).isEmpty();
    }

    @Test
    void aFolderStillReceivingFilesWaitsForTheLastOne() throws Exception {
        String key = "Copied Book";
        NotifyBuilder done = booksDone(1);
        Path folder = drop(key, f -> AUDIO.mp3(f.resolve("01.mp3"), 1.0, tags("title", "One")));
        // the next files land one by one, each a second after the last, as a file-by-file copy leaves them
        AtomicLong lastArrival = new AtomicLong();
        CompletableFuture<Void> copier = CompletableFuture.runAsync(() -> {
            try {
                for (String name : List.of("02", "03")) {
                    TimeUnit.MILLISECONDS.sleep(1000);
                    Path staged = AUDIO.mp3(staging().resolve(name + ".mp3"), 1.0, tags("title", name));
                    Files.move(staged, folder.resolve(name + ".mp3"));
                    lastArrival.set(System.currentTimeMillis());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().atMost(30, TimeUnit.SECONDS).pollInterval(100, TimeUnit.MILLISECONDS).until(() -> {
            assertThat(ledger().status(key)).as("while files arrive").isIn(null, JobState.WAITING);
            return copier.isDone();
        });
        copier.join();
        awaitBooks(done);

        assertThat(startedAt(key) - lastArrival.get()).isGreaterThanOrEqualTo(WAIT_MILLIS - 20);
        assertThat(assertOutput(key, 3.0).chapterTitles()).containsExactly("One", "02", "03");
    }

    /** When the log said the book started. */
    private long startedAt(String key) {
        return log.lines().stream().filter(l -> l.message().startsWith("book '" + key + "': started"))
            .mapToLong(LogCapture.Line::timeMillis).findFirst().orElseThrow();
    }
}
