package org.automb.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.automb.config.Settings;
import org.automb.config.SettingsCatalog;
import org.automb.config.SettingsResolver;
import org.automb.notify.Destinations;
import org.automb.notify.PostingDestination;
import org.automb.notify.WebhookDestination;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --test-notify} (one line per destination and its exit code) and the start's refusal of unusable
 * NOTIFY_URLS and WEBHOOK_URLS entries ({@code --once}, {@code --validate}): through the command line, in-process.
 */
class TestNotifyCommandTest {

    private static final WireMockServer server = new WireMockServer(options().dynamicPort());
    private static final String TOKEN = "tok-SECRET-0123456789";

    @TempDir
    Path root;

    private String out = "";
    private String err = "";

    @BeforeAll
    static void start() {
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @AfterEach
    void reset() {
        server.resetAll();
    }

    @Test
    void eachDestinationIsOneLineAndAnyFailureIsExitCode6() throws Exception {
        server.stubFor(post(urlEqualTo("/ok")).willReturn(aResponse().withStatus(204)));
        server.stubFor(post(urlEqualTo("/denied/" + TOKEN)).willReturn(aResponse().withStatus(401)
            .withBody("bad token " + TOKEN)));
        StringWriter printed = new StringWriter();
        TestNotifyCommand command = new TestNotifyCommand(settings(), new PrintWriter(printed), new PrintWriter(new StringWriter()));

        int exit = command.run(Destinations.of(List.of(PostingDestination.to("ok-hook", server.baseUrl() + "/ok", TOKEN),
            PostingDestination.to("denied-hook", server.baseUrl() + "/denied/" + TOKEN, TOKEN))));

        assertThat(exit).isEqualTo(AutoM4bCommand.EXIT_NOTIFY_FAILED);
        assertThat(printed.toString().lines()).contains("ok-hook: sent (HTTP 204)")
            .anyMatch(line -> line.startsWith("denied-hook: failed: HTTP 401: bad token ***"))
            .contains("1 of 2 failed");
        assertThat(printed.toString()).doesNotContain(TOKEN);
        server.verify(1, postRequestedFor(urlEqualTo("/ok")));
        server.verify(1, postRequestedFor(urlEqualTo("/denied/" + TOKEN)));
    }

    @Test
    void allSentIsExitCode0() throws Exception {
        server.stubFor(post(urlEqualTo("/ok")).willReturn(aResponse().withStatus(200)));
        StringWriter printed = new StringWriter();
        int exit = new TestNotifyCommand(settings(), new PrintWriter(printed), new PrintWriter(new StringWriter()))
            .run(Destinations.of(List.of(PostingDestination.to("ok-hook", server.baseUrl() + "/ok", TOKEN))));
        assertThat(exit).isZero();
        assertThat(printed.toString().lines()).contains("ok-hook: sent (HTTP 200)", "all 1 sent");
    }

    @Test
    void nothingConfiguredIsOneLineAndExitCode2() {
        assertThat(run(args("--test-notify"))).isEqualTo(AutoM4bCommand.EXIT_CONFIG);
        assertThat(err).contains("no destination is configured");
    }

    @Test
    void aWebhookGetsTheTestThroughTheRealCommandLine() {
        // runs once WEBHOOK_URLS entries are parsed (WebhookDestination); before that every entry is refused
        assumeTrue(webhooksParse(), "WebhookDestination.parse is not there yet");
        server.stubFor(post(urlEqualTo("/hook/" + TOKEN)).willReturn(aResponse().withStatus(204)));
        server.stubFor(post(urlEqualTo("/gone/" + TOKEN)).willReturn(aResponse().withStatus(404)));

        assertThat(run(args("--test-notify", "--webhook-urls=" + server.baseUrl() + "/hook/" + TOKEN)))
            .isEqualTo(AutoM4bCommand.EXIT_OK);
        assertThat(out).contains(": sent (HTTP 204)").doesNotContain(TOKEN);

        assertThat(run(args("--test-notify", "--webhook-urls=" + server.baseUrl() + "/hook/" + TOKEN + ","
            + server.baseUrl() + "/gone/" + TOKEN))).isEqualTo(AutoM4bCommand.EXIT_NOTIFY_FAILED);
        assertThat(out).contains(": sent (HTTP 204)").contains(": failed: HTTP 404").doesNotContain(TOKEN);
    }

    @Test
    void unusableEntriesRefuseTheStartAndValidateListsThemWithoutTheirSecrets() {
        String notify = "--notify-urls=nonsense://SECRET-one-0123456789/x,bogus://SECRET-two-0123456789";

        assertThat(run(args("--once", notify))).isEqualTo(AutoM4bCommand.EXIT_CONFIG);
        assertThat(err.lines()).anyMatch(line -> line.startsWith("problem: NOTIFY_URLS: URL 1 of 2: "))
            .anyMatch(line -> line.startsWith("problem: NOTIFY_URLS: URL 2 of 2: "));
        assertThat(err + out).doesNotContain("SECRET");
        assertThat(root.resolve("converted")).as("a refused start changes nothing").doesNotExist();

        assertThat(run(args("--validate", notify))).isEqualTo(AutoM4bCommand.EXIT_CONFIG);
        assertThat(err.lines()).anyMatch(line -> line.startsWith("problem: NOTIFY_URLS: URL 2 of 2: "));
        assertThat(err + out).doesNotContain("SECRET");

        assertThat(run(args("--test-notify", notify))).isEqualTo(AutoM4bCommand.EXIT_CONFIG);
        assertThat(err.lines()).anyMatch(line -> line.startsWith("problem: NOTIFY_URLS: URL 1 of 2: "));

        // with another value invalid as well, --validate still lists them all at once
        assertThat(run(args("--validate", notify, "--max-retries=many"))).isEqualTo(AutoM4bCommand.EXIT_CONFIG);
        assertThat(err.lines()).anyMatch(line -> line.contains("MAX_RETRIES"))
            .anyMatch(line -> line.startsWith("problem: NOTIFY_URLS: URL 2 of 2: "));
        assertThat(err + out).doesNotContain("SECRET");
    }

    // --- helpers ---

    private static boolean webhooksParse() {
        try {
            WebhookDestination.parse("http://127.0.0.1:9/hook", settings().notifications());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Settings settings() {
        SettingsCatalog catalog = new SettingsCatalog(2);
        return Settings.parse(new SettingsResolver(catalog).resolve(Map.of("NOTIFY_RETRY_BASE_DELAY", "0.1"),
            name -> null, Map.of()));
    }

    private String[] args(String... more) {
        List<String> all = new ArrayList<>(List.of("--inbox-folder=" + root.resolve("inbox"),
            "--converted-folder=" + root.resolve("converted"), "--archive-folder=" + root.resolve("archive"),
            "--working-folder=" + root.resolve("working"), "--failed-folder=" + root.resolve("failed"),
            "--config-folder=" + root.resolve("config"), "--notify-retry-base-delay=0.1"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The command in-process, stdout and stderr captured. */
    private int run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            return AutoM4bCommand.run(args);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            out = outBytes.toString(StandardCharsets.UTF_8);
            err = errBytes.toString(StandardCharsets.UTF_8);
            stdout.print(out);
            stderr.print(err);
        }
    }
}
