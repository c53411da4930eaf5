package org.automb.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.automb.config.NotifySettings;

/** Events and settings for the tests of webhooks and library refresh: a book as the pipeline would announce it. */
final class WebhookTestEvents {

    static final Instant AT = Instant.parse("2026-12-05T20:15:30Z");

    private WebhookTestEvents() {
    }

    /** Settings with nothing configured but these library servers and path map. */
    static NotifySettings settings(Optional<NotifySettings.LibraryServer> abs, Optional<NotifySettings.LibraryServer> plex,
                                   Optional<NotifySettings.LibraryServer> jellyfin,
                                   List<NotifySettings.PathMapping> pathMap) {
        return new NotifySettings(List.of(), false, 4, Duration.ofSeconds(2), Duration.ofSeconds(10), Map.of(),
            List.of(), "auto-m4b-attic", "http://m4b.local:8080", "", Duration.ofSeconds(60), abs, plex, jellyfin,
            pathMap);
    }

    static NotifySettings settings() {
        return settings(Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    static NotifyEvent.BookInfo book() {
        return new NotifyEvent.BookInfo("Project Hail Mary", null, List.of("Andy Weir"), List.of("Ray Porter"), null,
            null, "B08G9PRS1K", 58023.5, 32);
    }

    static NotifyEvent.BookSource source() {
        return new NotifyEvent.BookSource("Andy Weir - Project Hail Mary", "/data/inbox/Andy Weir - Project Hail Mary",
            List.of("01.mp3", "02.mp3"));
    }

    /** BookConverted of the m4b at {@code path}. */
    static NotifyEvent converted(String path) {
        return new NotifyEvent("3f0c9a52-7d1e-4b8a-9c61-2f5e8d4a7b10", EventType.BOOK_CONVERTED, AT, "Converted: Project Hail Mary",
            "Andy Weir, read by Ray Porter\n16 h 7 min, 442 MB, took 3 min 12 s", "Andy Weir - Project Hail Mary",
            book(), new NotifyEvent.BookFile(path, 463_470_592L, 64, "aac"), source(), null, Duration.ofMillis(192_400),
            null, 1);
    }

    /** BookTagged of the m4b at {@code path}. */
    static NotifyEvent tagged(String path) {
        NotifyEvent converted = converted(path);
        return new NotifyEvent("c41d7e09-5a2b-4f3c-8e16-0b9d2a7f5c33", EventType.BOOK_TAGGED, AT, "Tagged: Project Hail Mary",
            converted.message(), converted.key(), converted.book(), converted.file(), converted.source(), null, null,
            null, 1);
    }

    /** BookFailed: no file was delivered. */
    static NotifyEvent failed() {
        NotifyEvent.BookInfo fromTags = new NotifyEvent.BookInfo("Project Hail Mary", null, List.of("Andy Weir"),
            List.of("Ray Porter"), null, null, null, null, null);
        return new NotifyEvent("b7e2d1c4-93a0-4e5f-a1b8-6c2d0f9e4a71", EventType.BOOK_FAILED, AT, "Failed: Project Hail Mary",
            "02.mp3 could not be read; the book is in the failed folder", "Andy Weir - Project Hail Mary", fromTags, null, source(),
            "ffmpeg could not read 02.mp3: Invalid data found when processing input", Duration.ofSeconds(4), null, 2);
    }

    /** The Test event of --test-notify. */
    static NotifyEvent test() {
        return new NotifyEvent("e5a8c3f1-2b4d-4c6e-9f70-1a3b5c7d9e02", EventType.TEST, AT, "Test from auto-m4b-attic",
            "If you read this, notifications work.", null, null, null, null, null, null, null, 0);
    }
}
