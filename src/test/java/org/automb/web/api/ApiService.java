package org.automb.web.api;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.automb.io.SafeMover;
import org.automb.reliability.ServiceProcess;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One real service in a child JVM for a whole test class ({@code @RegisterExtension static}): its own folders under a
 * temporary directory, a free HTTP port, {@link #API_KEY} as API_KEY, real HTTP. Every API answer is kept
 * ({@link #exchanges()}) so a test can check them all against the OpenAPI document. The child's log is printed when
 * a test failed; the folders are kept then.
 */
final class ApiService implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    static final String API_KEY = "api-test-key-7f3a9c";
    static final ObjectMapper JSON = new ObjectMapper();
    static final TestAudio AUDIO = TestAudio.bundled();

    private final String urlBase;
    private final List<String> options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private Path root;
    private int port;
    private ServiceProcess process;
    private boolean failed;
    /** The service's folder options: {@code --status} reads the same job store with them. */
    private List<String> folderOptions = List.of();

    /** An HTTP request and its answer. */
    record Exchange(String method, String path, int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + method + " " + path + " → " + status + "): " + body, e);
            }
        }
    }

    /** @param options more options of the service; {@code {root}} stands for its temporary folder */
    ApiService(String urlBase, String... options) {
        this.urlBase = urlBase;
        this.options = List.of(options);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        root = Files.createTempDirectory("auto-m4b-api");
        Files.createDirectories(inbox());
        Files.createDirectories(root.resolve("staging"));
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> all = new ArrayList<>(List.of("--inbox-folder=" + inbox(), "--converted-folder=" + root.resolve("converted"),
            "--archive-folder=" + root.resolve("archive"), "--failed-folder=" + failed(),
            "--working-folder=" + root.resolve("working"), "--backup-folder=" + root.resolve("backup"),
            "--config-folder=" + root.resolve("config"), "--wait-time=0", "--sleep-time=1", "--min-free-space-mb=1",
            "--max-retries=0", "--on-complete=archive", "--http-host=127.0.0.1", "--http-port=" + port,
            "--url-base=" + urlBase));
        options.forEach(option -> all.add(option.replace("{root}", root.toString())));
        folderOptions = all.stream().filter(option -> option.matches("--[a-z]+-folder=.*")).toList();
        process = ServiceProcess.start("api", root.resolve("service.log"), all, Map.of("API_KEY", API_KEY));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
            .failFast("the service ended", () -> !process.isAlive())
            .until(() -> {
                try {
                    return send("GET", "/status", null, true, false).status() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed = true;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        String examples = System.getProperty("automb.apiExamples");
        if (examples != null) {
            writeExamples(Path.of(examples));
        }
        if (process != null && process.isAlive()) {
            process.killTree();
        }
        if (failed || Boolean.getBoolean("automb.printChildLogs")) {
            System.out.println("===== log of the API service =====\n" + (process == null ? "" : process.log()));
            System.out.println("folders kept for inspection: " + root);
        } else if (root != null) {
            try {
                new SafeMover().deleteTree(root);
            } catch (IOException e) {
                System.out.println("cannot delete " + root + ": " + e);
            }
        }
    }

    /** Uses the service's job store beside it (a second connection to its SQLite file, in WAL mode), closed after. */
    <T> T store(java.util.function.Function<org.automb.jobs.store.JobStore, T> use) {
        try (org.automb.jobs.store.JobStore store = org.automb.jobs.store.JobStore.open(
                org.automb.jobs.store.JobStore.defaultUrl(root.resolve("config")), java.time.Clock.systemUTC())) {
            return use.apply(store);
        }
    }

    /**
     * What {@code auto-m4b --status --json} prints for the service's job store, run in this JVM beside the running
     * service (a second connection to its SQLite file, as a user's shell would).
     */
    JsonNode statusCommandJson() throws IOException {
        List<String> args = new ArrayList<>(List.of("--status", "--json"));
        args.addAll(folderOptions);
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        int exit;
        try {
            exit = org.automb.app.AutoM4bCommand.run(args.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
        }
        if (exit != 0) {
            throw new IllegalStateException("--status --json exited " + exit + ": " + out);
        }
        return JSON.readTree(out.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Every answer, as docs/api.md quotes them ({@code -Dautomb.apiExamples=file}). */
    private void writeExamples(Path file) {
        StringBuilder text = new StringBuilder();
        for (Exchange exchange : exchanges) {
            text.append("### ").append(exchange.method()).append(' ').append(exchange.path()).append(" -> ")
                .append(exchange.status()).append(' ').append(exchange.contentType()).append('\n')
                .append(exchange.body()).append("\n\n");
        }
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path inbox() {
        return root.resolve("inbox");
    }

    Path failed() {
        return root.resolve("failed");
    }

    String urlBase() {
        return urlBase;
    }

    /** A short mp3 book built in staging, then moved into the inbox whole. */
    void dropBook(String name, double seconds) {
        Path stage = root.resolve("staging").resolve(name);
        AUDIO.mp3(stage.resolve(name + ".mp3"), seconds, Map.of("title", name, "artist", "Test Author"));
        moveIn(stage, name);
    }

    /** A book of random bytes named .mp3 that no decoder takes: it fails for good. */
    void dropBrokenBook(String name) throws IOException {
        Path stage = Files.createDirectories(root.resolve("staging").resolve(name));
        byte[] bytes = new byte[64 * 1024];
        new java.util.Random(15).nextBytes(bytes);
        Files.write(stage.resolve(name + ".mp3"), bytes);
        moveIn(stage, name);
    }

    private void moveIn(Path stage, String name) {
        try {
            Files.move(stage, inbox().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET under the API with the key; the answer is kept for the OpenAPI check. */
    Exchange get(String apiPath) {
        return call("GET", apiPath, null);
    }

    Exchange post(String apiPath, String body) {
        return call("POST", apiPath, body);
    }

    Exchange delete(String apiPath) {
        return call("DELETE", apiPath, null);
    }

    /** A request under the API with the key; kept. */
    Exchange call(String method, String apiPath, String body) {
        try {
            return send(method, apiPath, body, true, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request under the API without credentials; not kept. */
    Exchange withoutKey(String method, String apiPath) throws IOException {
        return send(method, apiPath, null, false, false);
    }

    /** Every answer of the API kept so far. */
    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** The raw answer of a path under URL_BASE (not the API), e.g. the OpenAPI document. */
    Exchange raw(String pathUnderBase) throws IOException {
        return send("GET", pathUnderBase, null, true, false, urlBase);
    }

    private Exchange send(String method, String apiPath, String body, boolean withKey, boolean keep) throws IOException {
        return send(method, apiPath, body, withKey, keep, urlBase + "/api/v1");
    }

    private Exchange send(String method, String path, String body, boolean withKey, boolean keep, String prefix)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + prefix + path))
            .timeout(Duration.ofSeconds(20))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (withKey) {
            request.header("X-Api-Key", API_KEY);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Exchange exchange = new Exchange(method, path, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""), response.body());
            if (keep) {
                exchanges.add(exchange);
            }
            return exchange;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The first job of {@code GET /jobs?status=...} whose key is {@code key}. */
    Optional<JsonNode> job(String key) {
        for (JsonNode job : get("/jobs?size=200").json().get("items")) {
            if (job.get("key").asText().equals(key)) {
                return Optional.of(job);
            }
        }
        return Optional.empty();
    }
}
