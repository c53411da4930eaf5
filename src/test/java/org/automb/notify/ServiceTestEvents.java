package org.automb.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.automb.config.NotifySettings;

/** Events and settings for the notification services' tests. */
final class ServiceTestEvents {

    static final Instant AT = Instant.parse("2026-12-05T20:00:00Z");

    private ServiceTestEvents() {
    }

    /** A converted book with everything known: two authors, a narrator, duration, size, time taken. */
    static NotifyEvent converted() {
        return new NotifyEvent("e-1", EventType.BOOK_CONVERTED, AT, "Converted: Project Hail Mary",
            "Project Hail Mary by Andy Weir & Co, read by Ray Porter\n16 h 10 min, 450 MB, took 3 min",
            "Andy Weir - Project Hail Mary",
            new NotifyEvent.BookInfo("Project Hail Mary", null, List.of("Andy Weir", "Co Author"), List.of("Ray Porter"),
                null, null, "B08G9PRS1K", 58200.0, 12),
            new NotifyEvent.BookFile("/converted/Andy Weir/Project Hail Mary.m4b", 450L * 1024 * 1024, 64, "aac"),
            new NotifyEvent.BookSource("Andy Weir - Project Hail Mary", "/inbox/Andy Weir - Project Hail Mary",
                List.of("01.mp3", "02.mp3")),
            null, Duration.ofSeconds(185), null, 1);
    }

    /** A failed book with little known. */
    static NotifyEvent failed() {
        return new NotifyEvent("e-2", EventType.BOOK_FAILED, AT, "Failed: Dune — Ürsula <1>",
            "ffmpeg could not read 03.mp3 & stopped", "Dune", null, null, null, "ffmpeg could not read 03.mp3",
            null, null, 2);
    }

    static NotifyEvent of(EventType type, String title, String message) {
        return new NotifyEvent("e-3", type, AT, title, message, null, null, null, null, null, null, null, 0);
    }

    static NotifySettings settings() {
        return settings(Map.of(), "");
    }

    static NotifySettings settings(Map<String, String> serviceUrls, String applicationUrl) {
        return new NotifySettings(List.of(), false, 4, Duration.ofSeconds(2), Duration.ofSeconds(2), serviceUrls,
            List.of(), "auto-m4b", applicationUrl, "", Duration.ofSeconds(60), Optional.empty(), Optional.empty(),
            Optional.empty(), List.of());
    }
}
