package org.automb.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.layout.AbstractStringLayout;
import org.automb.jobs.BookLogTails;
import org.automb.status.JobIds;

/**
 * LOG_FORMAT=json: each log event as one JSON object on one line, for log collectors (Loki, Elasticsearch, journald):
 * {@code time} (ISO-8601, UTC), {@code level}, {@code logger}, {@code thread}, {@code message}, and for a line about a
 * book its key ({@code book}, from the logging context, see {@link BookLogTails#BOOK_MDC}) and its job id ({@code job},
 * the id the API and the page use), and {@code error} with the stack trace when there is one.
 *
 * <p>Written here rather than with Log4j2's JsonTemplateLayout: that needs a further artifact, and the job id is
 * computed from the book's key ({@link JobIds}), which a template cannot do.
 */
final class JsonLogLayout extends AbstractStringLayout {

    private static final JsonFactory JSON = new JsonFactory();

    JsonLogLayout() {
        super(StandardCharsets.UTF_8);
    }

    @Override
    public String toSerializable(LogEvent event) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("time", Instant.ofEpochMilli(event.getInstant().getEpochMillisecond())
                .plusNanos(event.getInstant().getNanoOfMillisecond()).toString());
            json.writeStringField("level", event.getLevel().name());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("thread", event.getThreadName());
            json.writeStringField("message", event.getMessage() == null ? "" : event.getMessage().getFormattedMessage());
            String book = event.getContextData().getValue(BookLogTails.BOOK_MDC);
            if (book != null) {
                json.writeStringField("book", book);
                json.writeStringField("job", JobIds.idOf(book));
            }
            if (event.getThrown() != null) {
                StringWriter trace = new StringWriter();
                event.getThrown().printStackTrace(new PrintWriter(trace));
                json.writeStringField("error", trace.toString());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the generator escapes every newline inside the values: one event, one line
        return line.append('\n').toString();
    }
}
