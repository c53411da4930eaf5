package org.automb.plugins;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.exec.ExecException;
import org.apache.camel.support.DefaultExchange;
import org.automb.attempt.BookAttempt;
import org.automb.attempt.RouteKeys;
import org.automb.failure.PermanentFailure;
import org.automb.jobs.store.DeliveryRecord;
import org.automb.jobs.store.DeliveryTable;
import org.automb.notify.EventType;
import org.automb.notify.NotifyEvent;
import org.automb.tagging.Mp4TagWriter;
import org.automb.tagging.TagSet;
import org.automb.tagging.TagWriteFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named extension points of the flow (docs/plugins.md): {@code direct:plugin-before-convert},
  * {@code direct:plugin-before-deliver}, {@code direct:plugin-after-deliver}, {@code direct:plugin-intake} and one
  * {@code direct:plugin-event-<event>} per notification event. Each is a no-op until a user route consumes it. The
  * plugin gets its own exchange (a few headers and a body, never the book's state); whatever it throws is logged and
  * recorded on the book's job as a deliveries row of kind {@code plugin}, and never fails the book, unless it is a
  * {@link PluginRejectsBook} thrown in the book's flow: the plugin asked for the book to fail.
  * {@code plugin-before-convert}, {@code plugin-before-deliver} (it may add tags to the m4b) and {@code plugin-intake}
  * (it adds to the book's intake.json) run in the book's flow; the others run off it, from the notification routes.
 */
public final class PluginPoints {

    public static final String BEFORE_CONVERT = "plugin-before-convert";
    public static final String AFTER_DELIVER = "plugin-after-deliver";
    /** In the book's flow, after the tag stage: the m4b before it is moved into CONVERTED_FOLDER. */
    public static final String BEFORE_DELIVER = "plugin-before-deliver";
    /** Followed by the event's code with '-' for '_': {@code plugin-event-converted}, {@code plugin-event-needs-review}. */
    public static final String EVENT_PREFIX = "plugin-event-";

    /** Header given to every plugin: the book's key (its path in the inbox). */
    public static final String BOOK_KEY = "AutoM4bBookKey";
    /** Header given to every plugin: the book's name. */
    public static final String BOOK_NAME = "AutoM4bBookName";
    /** Header given to every plugin: the book's folder (or file) in the inbox, absolute. */
    public static final String BOOK_FOLDER = "AutoM4bBookFolder";
    /** Header given to plugin-after-deliver: the delivered m4b, absolute (also the body, as a java.io.File). */
    public static final String OUTPUT_FILE = "AutoM4bOutputFile";
    /** Header a plugin-before-convert route sets to true: the book is delivered as its files are (skip-conversion). */
    public static final String SKIP_CONVERSION = "AutoM4bSkipConversion";
    /**
     * Header given to plugin-before-convert, -before-deliver and -after-deliver: a ready argument list for camel-exec
     * ({@code CamelExecCommandArgs}), each path one argument, never through a shell: the m4b (where there is one),
     * then the book's folder in the inbox.
     */
    public static final String EXEC_ARGS = "AutoM4bExecArgs";

    /** The outcome of a run that asked for the book to fail ({@link PluginRejectsBook}). */
    public static final String REJECTED = "rejected";

    /** A delivered book's intake.json, about to be written: a plugin may add fields (docs/plugins.md). */
    public static final String INTAKE = "plugin-intake";

    /** The kind of the deliveries rows that record the plugins' runs. */
    public static final String KIND = "plugin";

    private static final Logger LOG = LoggerFactory.getLogger(PluginPoints.class);

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final DeliveryTable deliveries;
    private final Clock clock;
    private final Mp4TagWriter tagWriter;

    /** @param tagWriter writes the tags a plugin at plugin-before-deliver asks for (the tag stage's writer) */
    public PluginPoints(CamelContext camel, DeliveryTable deliveries, Clock clock, Mp4TagWriter tagWriter) {
        this.camel = camel;
        this.producer = camel.createProducerTemplate();
        this.deliveries = deliveries;
        this.clock = clock;
        this.tagWriter = tagWriter;
    }

    /** True when a started route consumes {@code direct:<point>}. */
    public boolean taken(String point) {
        Endpoint endpoint = camel.hasEndpoint("direct:" + point);
        return endpoint != null && camel.getRoutes().stream().anyMatch(route -> route.getEndpoint() == endpoint);
    }

    /**
     * In attempt-book, before the plan: a plugin may ask for the book unconverted (header {@link #SKIP_CONVERSION});
     * the body it gets is the book's folder as a java.io.File.
     *
     * @throws PermanentFailure when the plugin threw {@link PluginRejectsBook}: the book fails, not retried
     */
    public void beforeConvert(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt run, Exchange book) {
        if (!taken(BEFORE_CONVERT)) {
            return;
        }
        Exchange call = bookExchange(run.book().key(), run.book().name(), run.book().root());
        call.getIn().setBody(run.book().root().toFile());
        call.getIn().setHeader(EXEC_ARGS, execArgs(null, run.book().root()));
        inFlow(BEFORE_CONVERT, "before_convert", run.book().key(), call).ifPresent(done -> {
            record(run.book().key(), "before_convert", "direct:" + BEFORE_CONVERT, "ok", null);
            if (Boolean.TRUE.equals(done.getIn().getHeader(SKIP_CONVERSION, Boolean.class))) {
                LOG.info("book '{}': {} asked to skip the conversion; delivered as is", run.book().key(), BEFORE_CONVERT);
                book.getIn().setHeader(RouteKeys.DELIVER_AS_IS, true);
            }
        });
    }

    /**
     * In attempt-book, after the tag stage, before delivery: the m4b in WORKING_FOLDER is the body (a java.io.File);
     * each header {@code AutoM4bTag.<name>} the plugin sets is written into it ({@link PluginTags}) by the tag stage's
     * writer (a copy, checked, renamed: a write that fails leaves the m4b as it was and is recorded like a failed
     * plugin).
     *
     * @throws PermanentFailure when the plugin threw {@link PluginRejectsBook}: the book fails, not retried
     */
    public void beforeDeliver(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt run) {
        if (!taken(BEFORE_DELIVER)) {
            return;
        }
        String key = run.book().key();
        String uri = "direct:" + BEFORE_DELIVER;
        Path m4b = run.workingOutput().toAbsolutePath();
        Exchange call = bookExchange(key, run.book().name(), run.book().root());
        call.getIn().setBody(m4b.toFile());
        // no CamelFileName: the working file's name is not the one it is delivered under
        call.getIn().setHeader(OUTPUT_FILE, m4b.toString());
        call.getIn().setHeader(EXEC_ARGS, execArgs(m4b, run.book().root()));
        Optional<Exchange> done = inFlow(BEFORE_DELIVER, "before_deliver", key, call);
        if (done.isEmpty()) {
            return;
        }
        TagSet tags;
        try {
            tags = PluginTags.from(asText(done.get().getIn().getHeaders()));
        } catch (IllegalArgumentException e) {
            failed(key, "before_deliver", uri, e.getMessage());
            return;
        }
        if (tags.isEmpty()) {
            record(key, "before_deliver", uri, "ok", null);
            return;
        }
        try {
            tagWriter.write(run.workingOutput(), tags);
        } catch (TagWriteFailure e) {
            failed(key, "before_deliver", uri, "its tags were not written: " + e.getMessage());
            return;
        }
        // the checksum taken while the audio was written is of other bytes now: computed again at delivery
        run.outputRewritten();
        String written = String.join(", ", tags.fields().keySet().stream().map(PluginPoints::shown).toList());
        LOG.info("book '{}': {} wrote the tags {}", key, uri, written);
        record(key, "before_deliver", uri, "ok", "tags written: " + written);
    }

    /**
     * Every published event (wire-tapped by publish-event, so off the book's flow): {@code plugin-event-<event>}, and
     * for a book delivered into CONVERTED_FOLDER also {@code plugin-after-deliver} with the m4b as body.
     */
    public void onEvent(@Body NotifyEvent event) {
        String point = eventPoint(event.type());
        if (taken(point)) {
            Exchange call = eventExchange(event);
            call.getIn().setBody(event);
            run(point, event.type().code(), event.key(), call);
        }
        if (event.type() == EventType.BOOK_CONVERTED && event.file() != null && taken(AFTER_DELIVER)) {
            Exchange call = eventExchange(event);
            File output = new File(event.file().path());
            call.getIn().setBody(output);
            call.getIn().setHeader(OUTPUT_FILE, output.getAbsolutePath());
            call.getIn().setHeader(Exchange.FILE_NAME, output.getName());
            call.getIn().setHeader(EXEC_ARGS, execArgs(output.toPath(),
                event.source() != null ? Path.of(event.source().folder()) : null));
            run(AFTER_DELIVER, "after_deliver", event.key(), call);
        }
    }

    /** {@code plugin-event-converted}, {@code plugin-event-needs-review}... */
    public static String eventPoint(EventType type) {
        return EVENT_PREFIX + type.code().replace('_', '-').toLowerCase(Locale.ROOT);
    }

    private Exchange eventExchange(NotifyEvent event) {
        String name = event.book() != null ? event.book().title() : null;
        Path folder = event.source() != null ? Path.of(event.source().folder()) : null;
        return bookExchange(event.key(), name, folder);
    }

    private Exchange bookExchange(String key, String name, Path folder) {
        Exchange call = new DefaultExchange(camel);
        call.getIn().setHeader(BOOK_KEY, key);
        call.getIn().setHeader(BOOK_NAME, name);
        call.getIn().setHeader(BOOK_FOLDER, folder == null ? null : folder.toAbsolutePath().toString());
        return call;
    }

    /** Off the book's flow: sends to the plugin's route; its outcome recorded on the job. Empty when it failed. */
    private Optional<Exchange> run(String point, String event, String key, Exchange call) {
        Exception failure = send(point, call);
        String uri = "direct:" + point;
        if (failure == null) {
            record(key, event, uri, "ok", null);
            return Optional.of(call);
        }
        String reason = reason(failure);
        if (rejection(failure) != null) {
            // the book is delivered already: there is nothing left to fail
            reason = reason + " (a book can be refused only at direct:" + BEFORE_CONVERT + " or direct:"
                + BEFORE_DELIVER + ")";
        }
        failed(key, event, uri, reason);
        return Optional.empty();
    }

    /**
     * In the book's flow: sends to the plugin's route. The exchange when it ran (its run not yet recorded: the caller
     * records it with what it did), empty when it failed (recorded); a {@link PluginRejectsBook} fails the book.
     */
    private Optional<Exchange> inFlow(String point, String event, String key, Exchange call) {
        Exception failure = send(point, call);
        if (failure == null) {
            return Optional.of(call);
        }
        String uri = "direct:" + point;
        PluginRejectsBook rejected = rejection(failure);
        if (rejected != null) {
            String reason = reason(rejected);
            record(key, event, uri, REJECTED, reason);
            throw new PermanentFailure(key, null, "refused by the plugin at " + uri + ": " + reason, rejected);
        }
        failed(key, event, uri, reason(failure));
        return Optional.empty();
    }

    private Exception send(String point, Exchange call) {
        try {
            return producer.send("direct:" + point, call).getException();
        } catch (RuntimeException e) {
            return e;
        }
    }

    private void failed(String key, String event, String uri, String reason) {
        LOG.warn("book '{}': the plugin at {} failed, the book goes on without it: {}", key, uri, reason);
        record(key, event, uri, "failed", reason);
    }

    /** The PluginRejectsBook in the failure's cause chain (Camel may wrap it), or null. */
    private static PluginRejectsBook rejection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PluginRejectsBook rejected) {
                return rejected;
            }
        }
        return null;
    }

    private static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ExecException exec) {
                return programFailed(exec);
            }
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    /** camel-exec's failure as the user needs it: the exit code and what the program printed on stderr. */
    private static String programFailed(ExecException exec) {
        String stderr = "";
        if (exec.getStderr() != null) {
            try {
                stderr = new String(exec.getStderr().readNBytes(2000), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                stderr = "";
            }
        }
        String exit = exec.getExitValue() != 0 ? "the program exited with code " + exec.getExitValue()
            : "the program could not be run: " + exec.getMessage();
        return exit + (stderr.isEmpty() ? "" : ": " + stderr.lines().reduce((a, b) -> a + " / " + b).orElse(""));
    }

    /** The paths as camel-exec's argument list: one argument each, whatever spaces or quotes they hold. */
    private static List<String> execArgs(Path m4b, Path folder) {
        List<String> args = new ArrayList<>();
        if (m4b != null) {
            args.add(m4b.toAbsolutePath().toString());
        }
        if (folder != null) {
            args.add(folder.toAbsolutePath().toString());
        }
        return List.copyOf(args);
    }

    /** The headers as text (camel-exec's result is read as its standard output), for {@link PluginTags}. */
    private Map<String, String> asText(Map<String, Object> headers) {
        Map<String, String> text = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (value != null && name.regionMatches(true, 0, PluginTags.PREFIX, 0, PluginTags.PREFIX.length())) {
                text.put(name, value instanceof String s ? s : camel.getTypeConverter().convertTo(String.class, value));
            }
        });
        return text;
    }

    /** A freeform atom by its name ({@code ----:com.apple.iTunes:MOOD} as MOOD), others by their id. */
    private static String shown(String atom) {
        return atom.startsWith("----:") ? atom.substring(atom.lastIndexOf(':') + 1) : atom;
    }

    private void record(String key, String event, String uri, String outcome, String detail) {
        try {
            deliveries.record(new DeliveryRecord(0, clock.instant(), key, event, uri, KIND, outcome, 1, null, detail));
        } catch (RuntimeException e) {
            LOG.warn("book '{}': the plugin run at {} ({}) not recorded: {}", key, uri, outcome, e.getMessage());
        }
    }

    /** Plain JSON values only: what a plugin returns is turned into what intake.json can hold, or refused. */
    private static final com.fasterxml.jackson.databind.ObjectMapper INTAKE_JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>> INTAKE_MAP =
        new com.fasterxml.jackson.core.type.TypeReference<>() { };

    /**
     * {@code direct:plugin-intake}, in the book's flow as its intake.json is written: the body is a copy of the
     * manifest (a map, as the JSON will read), the headers those of every plugin. The map the plugin returns gives the
     * fields to add: those of its keys the manifest does not have (a plugin may return the map it got with fields put
     * in, or a map of its fields alone); they go under intake.json's {@code plugins} object. A plugin that fails, or
     * returns what is not a map of JSON values, is logged and recorded, and adds nothing.
     */
    public java.util.Map<String, Object> intakeFields(org.automb.intake.Book book, java.util.Map<String, Object> manifest) {
        if (!taken(INTAKE)) {
            return java.util.Map.of();
        }
        String uri = "direct:" + INTAKE;
        Exchange call = bookExchange(book.key(), book.name(), book.root());
        Exception failure;
        java.util.Map<String, Object> fields = java.util.Map.of();
        try {
            call.getIn().setBody(INTAKE_JSON.convertValue(manifest, INTAKE_MAP));
            Exchange done = producer.send(uri, call);
            failure = done.getException();
            if (failure == null) {
                fields = newFields(manifest, done.getMessage().getBody());
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        if (failure == null) {
            record(book.key(), "intake", uri, "ok", null);
            return fields;
        }
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        LOG.warn("book '{}': the plugin at {} failed, intake.json is written without its fields: {}", book.key(), uri, reason);
        record(book.key(), "intake", uri, "failed", reason);
        return java.util.Map.of();
    }

    /** The returned map's keys the manifest does not have, as plain JSON values. */
    private static java.util.Map<String, Object> newFields(java.util.Map<String, Object> manifest, Object returned) {
        if (!(returned instanceof java.util.Map<?, ?> map)) {
            throw new IllegalArgumentException("it returned " + (returned == null ? "nothing" : "a "
                + returned.getClass().getName()) + ", not a map of fields");
        }
        java.util.Map<String, Object> added = new java.util.LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (!manifest.containsKey(String.valueOf(key))) {
                added.put(String.valueOf(key), value);
            }
        });
        try {
            return INTAKE_JSON.convertValue(added, INTAKE_MAP);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its fields cannot be written as JSON: " + e.getMessage(), e);
        }
    }
}
