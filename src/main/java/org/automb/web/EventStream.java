package org.automb.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET {URL_BASE}/api/v1/events}: the live events as Server-Sent Events ({@code text/event-stream}), one
 * response per client that stays open: {@code event: job} / {@code event: progress} with their data as one line of
 * JSON, and a {@code : keep-alive} comment every {@link #KEEP_ALIVE} so proxies keep the connection. A Vert.x handler,
 * not a Camel route: a Camel exchange answers once, an event stream keeps writing. The subscription ends when the
 * client goes; a client too slow to take its events is disconnected (EventSource reconnects by itself).
 */
public final class EventStream {

    /** How often an idle stream sends a comment. */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    private final Function<BiConsumer<String, Object>, AutoCloseable> subscribe;
    private final ObjectMapper json;
    private final Duration keepAlive;

    /**
     * @param subscribe hands each event (its type and data) to the consumer given, until the returned handle is closed
     * @param json      writes the events' data (the status records' one JSON form)
     */
    public EventStream(Function<BiConsumer<String, Object>, AutoCloseable> subscribe, ObjectMapper json, Duration keepAlive) {
        this.subscribe = subscribe;
        this.json = json;
        this.keepAlive = keepAlive;
    }

    /** Opens the stream for this request. */
    public void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        Vertx vertx = ctx.vertx();
        Context context = vertx.getOrCreateContext();
        AtomicBoolean open = new AtomicBoolean(true);
        AutoCloseable subscription;
        try {
            subscription = subscribe.apply((type, data) -> {
                String frame;
                try {
                    frame = "event: " + type + "\ndata: " + json.writeValueAsString(data) + "\n\n";
                } catch (JsonProcessingException e) {
                    LOG.warn("Could not write a {} event as JSON: {}", type, e.getOriginalMessage());
                    return;
                }
                // the events come on their own thread; the response is written on its connection's
                context.runOnContext(ignored -> write(response, open, frame));
            });
        } catch (RuntimeException e) {
            LOG.warn("The event stream cannot subscribe to the live events: {}", e.getMessage());
            ProblemResponses.send(ctx, 503, "The live events are not available");
            return;
        }
        response.setChunked(true)
            .putHeader("Content-Type", "text/event-stream; charset=utf-8")
            .putHeader("Cache-Control", "no-store")
            .putHeader("X-Accel-Buffering", "no"); // nginx: pass each event on at once
        // sent at once (before any event: those are written on this thread after this handler returns), so the
        // client sees the stream open
        response.write("retry: 5000\n: connected\n\n");
        long timer = vertx.setPeriodic(keepAlive.toMillis(), id -> write(response, open, ": keep-alive\n\n"));
        Runnable close = () -> {
            if (open.compareAndSet(true, false)) {
                vertx.cancelTimer(timer);
                try {
                    subscription.close();
                } catch (Exception e) {
                    LOG.debug("Closing an event subscription failed: {}", e.toString());
                }
            }
        };
        response.closeHandler(ignored -> close.run());
        response.endHandler(ignored -> close.run());
        if (response.closed()) {
            close.run(); // gone before the handlers were there
        }
    }

    private static void write(HttpServerResponse response, AtomicBoolean open, String frame) {
        if (!open.get() || response.ended() || response.closed()) {
            return;
        }
        if (response.writeQueueFull()) {
            response.reset(); // too slow to read: drop it rather than hold every event for it
            return;
        }
        response.write(frame);
    }
}
