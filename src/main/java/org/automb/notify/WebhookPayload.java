package org.automb.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The JSON body a webhook gets (docs/notifications.md, "Webhooks"), in the *arr convention: camelCase fields, nulls
 * left out, {@code eventType} in PascalCase, {@code instanceName} and {@code applicationUrl} at the top. Times are
 * ISO-8601 UTC strings, durations seconds, sizes bytes.
 *
 * @param eventType      {@link EventType#eventType()}: {@code BookConverted}, {@code BookFailed}, {@code Test}...
 * @param eventId        the event's id: a retry sends the same one, so a consumer can drop repeats
 * @param occurredAt     when it happened
 * @param instanceName   INSTANCE_NAME
 * @param applicationUrl APPLICATION_URL; left out when empty
 * @param title          one line for people
 * @param message        a few lines for people
 * @param book           what the book is; left out for events of no book
 * @param bookFile       the delivered m4b; left out when there is none
 * @param source         where the book came from; left out for events of no book
 * @param error          why it failed (failed and retry events)
 * @param attempt        the attempt's number; left out for events of no attempt
 * @param took           seconds the conversion took; left out when not known
 * @param nextRetryAt    when the retry is due (retry events)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookPayload(String eventType, String eventId, String occurredAt, String instanceName,
                             String applicationUrl, String title, String message, Book book, BookFile bookFile,
                             Source source, String error, Integer attempt, Double took, String nextRetryAt) {

    /** {@code duration} in seconds; {@code part} as Audible gives it ({@code "1.5"}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Book(String title, String subtitle, List<String> authors, List<String> narrators, String series,
                       String part, String asin, Double duration, Integer chapters) {
    }

    /** {@code size} in bytes, {@code bitrate} in kbit/s. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BookFile(String path, long size, Integer bitrate, String codec) {
    }

    /** {@code key}: the book's key in the inbox; {@code files}: relative to {@code folder}, in play order. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String key, String folder, List<String> files) {
    }

    /** The body for {@code event}, sent by the instance named {@code instanceName}. */
    public static WebhookPayload of(NotifyEvent event, String instanceName, String applicationUrl) {
        NotifyEvent.BookInfo info = event.book();
        NotifyEvent.BookFile file = event.file();
        NotifyEvent.BookSource from = event.source();
        return new WebhookPayload(event.type().eventType(), event.id(),
            event.at() == null ? null : event.at().toString(), instanceName,
            applicationUrl == null || applicationUrl.isEmpty() ? null : applicationUrl,
            event.title(), event.message(),
            info == null ? null : new Book(info.title(), info.subtitle(), info.authors(), info.narrators(),
                info.series(), info.part(), info.asin(), info.durationSeconds(), info.chapters()),
            file == null ? null : new BookFile(file.path(), file.sizeBytes(), file.bitrateKbps(), file.codec()),
            from == null ? null : new Source(from.key(), from.folder(), from.files()),
            event.error(), event.attempt() > 0 ? event.attempt() : null,
            event.took() == null ? null : event.took().toMillis() / 1000.0,
            event.nextRetryAt() == null ? null : event.nextRetryAt().toString());
    }
}
