package org.automb.web.security;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.automb.reliability.ServiceProcess;

/**
 * Real HTTP against a child service on {@code 127.0.0.1:port}: raw paths as given (no normalising, so {@code ../}
 * reaches the server), no redirects followed, no cookie jar (a test sends its cookie itself).
 */
final class WebClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One answer. */
    record Answer(int status, Map<String, List<String>> headers, String body) {

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
        }

        List<String> headers(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).toList();
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (status " + status + "): " + body, e);
            }
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    private final int port;

    WebClient(int port) {
        this.port = port;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    URI uri(String rawPath) {
        return URI.create("http://127.0.0.1:" + port + rawPath);
    }

    Answer get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    /** {@code method} on {@code path} with {@code body} (JSON unless a Content-Type is among {@code headers}). */
    Answer send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !typed) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for {@code healthPath} to answer 200 (connections are refused while the service starts). */
    void awaitReady(ServiceProcess service, String healthPath) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
            .failFast("the service ended", () -> !service.isAlive())
            .alias(healthPath + " answers 200").ignoreExceptions()
            .until(() -> get(healthPath).status() == 200);
    }

    /**
     * GET with {@code rawPath} sent byte for byte on a plain socket (java.net.URI refuses some of the paths an
     * attacker sends, such as a backslash); the status and the body of the answer.
     */
    Answer raw(String rawPath, String... headers) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            StringBuilder request = new StringBuilder("GET ").append(rawPath).append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                .append(port).append("\r\nConnection: close\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int bodyStart = response.indexOf("\r\n\r\n");
            return new Answer(status, Map.of(), bodyStart < 0 ? "" : response.substring(bodyStart + 4));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + rawPath + ": " + e, e);
        }
    }

    HttpClient http() {
        return http;
    }

    /** {@code {"username":…,"password":…}}. */
    static String loginBody(String user, String password) {
        return JSON.createObjectNode().put("username", user).put("password", password).toString();
    }
}
