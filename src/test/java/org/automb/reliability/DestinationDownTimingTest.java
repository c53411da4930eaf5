package org.automb.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A destination that is down never slows a conversion: the same book converted by the real service (child JVM,
 * {@code --once}) with no destination, then with a webhook whose port refuses connections, a webhook and a json://
 * URL that never answer (beyond NOTIFY_TIMEOUT), in the same test run; the conversions' times (the job's start to its
 * end, JVM start-up left out) are close.
 */
class DestinationDownTimingTest {

    private static final TestAudio AUDIO = TestAudio.bundled();

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    private final WireMockServer hanging = new WireMockServer(options().dynamicPort());

    @AfterEach
    void stopServer() {
        hanging.stop();
    }

    @Test
    void aDestinationDownOrHangingNeverSlowsTheConversion() throws Exception {
        hanging.start();
        hanging.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(30_000)));
        int refusing = closedPort();
        harness.createStore();

        Duration none = convert("Same Book 1", Map.of());
        Duration down = convert("Same Book 2", Map.of(
            "WEBHOOK_URLS", "http://localhost:" + refusing + "/hook,http://localhost:" + hanging.port() + "/hook",
            "NOTIFY_URLS", "json://localhost:" + hanging.port() + "/notify",
            "NOTIFY_TIMEOUT", "2",
            // no retries: --once waits for deliveries under way, and the test for nothing it does not measure
            "NOTIFY_MAX_RETRIES", "0"));
        System.out.printf("conversion with no destination: %s; with destinations down: %s%n", none, down);

        assertThat(down).as("with the destinations down (%s) against none (%s)", down, none)
            .isLessThanOrEqualTo(none.plus(Duration.ofSeconds(1)).plus(none.dividedBy(4)));
    }

    /** Converts one book with {@code --once} and these settings; how long its job took, start to done. */
    private Duration convert(String book, Map<String, String> environment) {
        harness.dropMp3Book(AUDIO, book, 20.0);
        ServiceProcess service = harness.start(book.replace(' ', '-'), environment, "--once");
        service.awaitExit(Duration.ofMinutes(3));
        Job job = harness.store(store -> store.find(book).orElseThrow());
        assertThat(job.state()).isEqualTo(JobState.DONE);
        return Duration.between(job.startedAt(), job.finishedAt());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
