package org.automb.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The events of books through the real service (real ffmpeg, generated audio): a converted book is announced as
 * started and converted, a corrupt one as failed, a book failing transiently at each retry and, once, as failed;
 * each once, with the data a destination shows. The notification routes are left out: the test consumes
 * direct:publish-event itself ({@link PublishedEvents}).
 */
class BookEventsPipelineTest extends PipelineTestSupport {

    private final PublishedEvents published = new PublishedEvents();

    @Override
    protected Map<String, String> settings() {
        return Map.of("MAX_RETRIES", "1", "RETRY_BASE_DELAY", "0.3",
            // the notification routes consume direct:publish-event on main; here the test does
            "camel.main.routes-exclude-pattern", PublishedEvents.EXCLUDE_NOTIFY_ROUTES);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return published;
    }

    @Test
    void aConvertedBookIsStartedThenConvertedAndACorruptOneFailsOnce() throws Exception {
        NotifyBuilder done = booksDone(2);
        drop("Ancillary Justice", folder -> {
            Map<String, String> tags = tags("title", "Ancillary Justice", "album", "Ancillary Justice",
                "artist", "Ann Leckie & Bob Smith", "composer", "Celeste Ciulla");
            AUDIO.mp3(folder.resolve("01 - One.mp3"), 1.0, tags);
            AUDIO.mp3(folder.resolve("02 - Two.mp3"), 1.0, tags);
        });
        drop("Corrupt Book", folder -> randomBytes(folder.resolve("01 - Noise.mp3")));
        awaitBooks(done);

        String key = "Ancillary Justice";
        NotifyEvent converted = published.await(key, EventType.BOOK_CONVERTED);
        Path output = converted().resolve(key + "/Ancillary Justice.m4b");
        assertThat(converted.title()).isEqualTo("Converted: Ancillary Justice");
        assertThat(converted.book().title()).isEqualTo("Ancillary Justice");
        assertThat(converted.book().authors()).containsExactly("Ann Leckie", "Bob Smith");
        assertThat(converted.book().narrators()).containsExactly("Celeste Ciulla");
        assertThat(converted.book().durationSeconds()).isBetween(1.9, 2.2);
        assertThat(converted.book().chapters()).isEqualTo(2);
        assertThat(converted.file().path()).isEqualTo(output.toString());
        assertThat(converted.file().sizeBytes()).isEqualTo(Files.size(output));
        assertThat(converted.file().codec()).isEqualTo("aac");
        assertThat(converted.file().bitrateKbps()).isPositive();
        assertThat(converted.source()).isEqualTo(new NotifyEvent.BookSource(key,
            inbox().resolve(key).toString(), List.of("01 - One.mp3", "02 - Two.mp3")));
        assertThat(converted.took()).isPositive().isLessThan(Duration.ofMinutes(3));
        assertThat(converted.attempt()).isEqualTo(1);
        assertThat(converted.message()).contains("By Ann Leckie, Bob Smith", "Read by Celeste Ciulla",
            "Saved to " + output);

        NotifyEvent failed = published.await("Corrupt Book", EventType.BOOK_FAILED);
        assertThat(failed.title()).isEqualTo("Failed: Corrupt Book");
        assertThat(failed.error()).contains("01 - Noise.mp3", "ffprobe cannot read the file");
        assertThat(failed.message()).contains("Gave up after 1 attempt", "Moved to " + failed());
        assertThat(failed.attempt()).isEqualTo(1);
        assertThat(failed.file()).isNull();

        // nothing more comes: each event once, in order
        assertThat(published.typesOf(key)).containsExactly(EventType.BOOK_STARTED, EventType.BOOK_CONVERTED);
        assertThat(published.typesOf("Corrupt Book")).containsExactly(EventType.BOOK_STARTED, EventType.BOOK_FAILED);
        NotifyEvent started = published.of(key).get(0);
        assertThat(started.attempt()).isEqualTo(1);
        assertThat(started.title()).isEqualTo("Started: Ancillary Justice");
        assertThat(converted.id()).isNotEqualTo(started.id());
    }

    @Test
    void aBookFailingTransientlyIsAnnouncedAtItsRetryAndFailsOnce() throws Exception {
        // every attempt fails to create its scratch folder: the working folder is a plain file
        new org.automb.io.SafeMover().deleteTree(working());
        Files.writeString(working(), "not a folder");
        NotifyBuilder done = booksDone(1);
        drop("Doomed Book", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("title", "One")));
        awaitBooks(done);

        NotifyEvent failed = published.await("Doomed Book", EventType.BOOK_FAILED);
        assertThat(published.typesOf("Doomed Book")).as("no attempt got to start; one retry, one failure")
            .containsExactly(EventType.BOOK_RETRY_SCHEDULED, EventType.BOOK_FAILED);
        NotifyEvent retry = published.of("Doomed Book").get(0);
        Job job = ledger().store().find("Doomed Book").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(retry.attempt()).isEqualTo(1);
        assertThat(retry.error()).contains("cannot prepare the working folder");
        assertThat(retry.nextRetryAt()).isAfter(retry.at().minusSeconds(1)).isBefore(retry.at().plusSeconds(2));
        assertThat(retry.message()).contains("Attempt 1 of 2 failed; tried again at");
        assertThat(failed.attempt()).isEqualTo(2);
        assertThat(failed.error()).isEqualTo(job.errorMessage());
        assertThat(failed.message()).contains("Gave up after 2 attempts");
    }

    private static void randomBytes(Path file) throws IOException {
        byte[] bytes = new byte[30_000];
        new Random(42).nextBytes(bytes);
        Files.write(file, bytes);
    }
}
