package org.automb.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.automb.web.EventStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event stream on a real Vert.x server: events as {@code event:}/{@code data:} frames in the order given,
 * keep-alive comments while idle, and the subscription ended when the client goes. The events come from a plain
 * list of subscribers here; the service's own LiveEvents are covered with a real book in {@link LoginAndUrlBaseTest}.
 */
class EventStreamTest {

    private final List<BiConsumer<String, Object>> subscribers = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private WebClient client;

    @BeforeEach
    void serve() throws Exception {
        EventStream events = new EventStream(consumer -> {
            subscribers.add(consumer);
            return () -> subscribers.remove(consumer);
        }, WebClient.JSON, Duration.ofMillis(200));
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.get("/events").handler(events::handle);
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
            .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client = new WebClient(server.actualPort());
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void eventsAndKeepAlivesUntilTheClientGoes() throws Exception {
        HttpResponse<InputStream> response = client.http().send(HttpRequest.newBuilder(client.uri("/events")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream; charset=utf-8");
        BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribers.size() == 1);

        subscribers.forEach(s -> s.accept("job", Map.of("id", "a", "state", "converting")));
        subscribers.forEach(s -> s.accept("progress", Map.of("id", "a", "percent", 42)));
        assertThat(data(nextFrame(lines, "event: job"))).isEqualTo(WebClient.JSON.readTree("{\"id\":\"a\",\"state\":\"converting\"}"));
        assertThat(data(nextFrame(lines, "event: progress"))).isEqualTo(WebClient.JSON.readTree("{\"id\":\"a\",\"percent\":42}"));
        String line;
        do {
            line = lines.readLine();
        } while (line != null && !line.equals(": keep-alive"));
        assertThat(line).as("a keep-alive comment while idle").isEqualTo(": keep-alive");

        response.body().close();
        await("unsubscribed once the client went").atMost(Duration.ofSeconds(30)).until(subscribers::isEmpty);
    }

    private static com.fasterxml.jackson.databind.JsonNode data(String line) throws Exception {
        assertThat(line).startsWith("data: ");
        return WebClient.JSON.readTree(line.substring("data: ".length()));
    }

    /** The line after the next {@code header} line. */
    private static String nextFrame(BufferedReader lines, String header) throws Exception {
        String line;
        do {
            line = lines.readLine();
        } while (line != null && !line.equals(header));
        assertThat(line).as(header).isEqualTo(header);
        return lines.readLine();
    }
}
