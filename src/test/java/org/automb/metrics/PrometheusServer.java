package org.automb.metrics;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) in a child process, scraping one service's
 * {@code /observe/metrics} every second with its API key, its storage in a temporary folder; for tests.
 */
final class PrometheusServer implements AutoCloseable {

    /** The scrape job's name: the {@code job} label of every series. */
    static final String JOB = "auto-m4b";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The {@code prometheus} program on the PATH, if it is installed. */
    static Optional<Path> executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String folder : path.split(File.pathSeparator)) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, "prometheus");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts Prometheus in {@code folder} (config, storage, log), scraping {@code http://127.0.0.1:<servicePort>}, and
     * waits until it is ready.
     */
    static PrometheusServer start(Path executable, Path folder, int servicePort, String apiKey) throws IOException {
        Files.createDirectories(folder.resolve("data"));
        Path config = folder.resolve("prometheus.yml");
        // Debian 12 has Prometheus 2.42, before http_headers (2.54): the key goes as the ?apikey= parameter
        Files.writeString(config, String.join("\n",
            "global:",
            "  scrape_interval: 1s",
            "  scrape_timeout: 1s",
            "  evaluation_interval: 1s",
            "scrape_configs:",
            "  - job_name: " + JOB,
            "    metrics_path: /observe/metrics",
            "    params:",
            "      apikey: ['" + apiKey + "']",
            "    static_configs:",
            "      - targets: ['127.0.0.1:" + servicePort + "']",
            ""));
        int port = freePort();
        Path log = folder.resolve("prometheus.log");
        Process process = new ProcessBuilder(List.of(executable.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + folder.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn"))
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, log, port);
        try {
            await("Prometheus ready on port " + port).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("Prometheus ended: " + server.log());
                    }
                    return server.get("/-/ready").statusCode() == 200;
                });
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * Evaluates {@code promql} at the present time through the HTTP API ({@code /api/v1/query}).
     *
     * @return the whole answer: {@code status} ({@code success} or {@code error}), {@code data.result} or {@code error}
     */
    JsonNode query(String promql) throws IOException, InterruptedException {
        return JSON.readTree(get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).body());
    }

    /** The values of {@code label} over the series {@code match} selects ({@code /api/v1/label/<label>/values}). */
    JsonNode labelValues(String label, String match) throws IOException, InterruptedException {
        return JSON.readTree(get("/api/v1/label/" + label + "/values?match[]="
            + URLEncoder.encode(match, StandardCharsets.UTF_8)).body());
    }

    /** What Prometheus logged so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops Prometheus (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
