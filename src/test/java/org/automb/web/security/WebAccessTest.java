package org.automb.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.automb.reliability.ChildServiceHarness;
import org.automb.reliability.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The guard as scripts and browsers meet it, on the real service in a child JVM: every API path of the contract
 * refuses a request without the key (GET and POST alike, written yet or not), a wrong key is refused as a missing
 * one, the header and {@code ?apikey=} both work, the page sends a stranger to the login page, the health endpoints
 * and the page's files stay open, nothing leaves the class-path roots, the generated key sits in a 0600 file that
 * the next start reuses and no secret reaches the log; AUTH_METHOD=none opens everything, with a warning.
 */
class WebAccessTest {

    /** Every API path of #15's contract; {@code X} stands for a job id. */
    static final List<String[]> API_ROUTES = List.of(
        new String[] {"GET", "/api/v1/status"}, new String[] {"GET", "/api/v1/queue"},
        new String[] {"GET", "/api/v1/jobs?status=failed"}, new String[] {"GET", "/api/v1/jobs/X"},
        new String[] {"GET", "/api/v1/audit"}, new String[] {"GET", "/api/v1/events"},
        new String[] {"GET", "/api/v1/openapi.json"}, new String[] {"GET", "/api/v1/auth/session"},
        new String[] {"POST", "/api/v1/auth/logout"}, new String[] {"POST", "/api/v1/jobs/X/retry"},
        new String[] {"POST", "/api/v1/jobs/X/skip-conversion"}, new String[] {"POST", "/api/v1/jobs/X/reprocess"},
        new String[] {"POST", "/api/v1/jobs/X/tag"}, new String[] {"POST", "/api/v1/jobs/X/cancel"},
        new String[] {"POST", "/api/v1/jobs/X/approve"}, new String[] {"POST", "/api/v1/jobs/X/reject"},
        new String[] {"DELETE", "/api/v1/jobs/X"}, new String[] {"GET", "/api/v1/no-such-thing"},
        new String[] {"PUT", "/api/v1/status"});

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    @Test
    void onlyTheKeyOrALoginOpensTheApiAndThePage() throws Exception {
        int port = WebClient.freePort();
        ServiceProcess service = harness.start("service", "--http-port=" + port, "--http-host=127.0.0.1", "--debug=Y");
        WebClient web = new WebClient(port);
        web.awaitReady(service, "/health/ready");

        Path keyFile = harness.config().resolve("api-key");
        String key = Files.readString(keyFile).strip();
        assertThat(key).matches("[A-Za-z0-9_-]{43}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");

        assertThat(web.get("/health/live").status()).isEqualTo(200);
        String job = "L1Rlc3QgQm9vaw"; // a job id of the contract's form (unknown to the store)
        for (String[] route : API_ROUTES) {
            String path = route[1].replace("X", job);
            String body = route[0].equals("POST") ? "{}" : null;
            WebClient.Answer none = web.send(route[0], path, body);
            WebClient.Answer wrong = web.send(route[0], path, body, "X-Api-Key", key.substring(1) + "x");
            WebClient.Answer wrongQuery = web.send(route[0], path + (path.contains("?") ? "&" : "?") + "apikey=nope", body);
            for (WebClient.Answer answer : List.of(none, wrong, wrongQuery)) {
                assertThat(answer.status()).as("%s %s", route[0], path).isEqualTo(401);
                assertThat(answer.header("Content-Type")).as(path).contains("application/problem+json");
                assertThat(answer.header("WWW-Authenticate")).as(path).hasValueSatisfying(v -> assertThat(v).startsWith("ApiKey"));
                assertThat(answer.json().get("status").asInt()).isEqualTo(401);
                assertThat(answer.json().get("title").asText()).isEqualTo("Unauthorized");
            }
            assertThat(wrong.body()).as("a wrong key is answered as a missing one").isEqualTo(none.body());
        }

        WebClient.Answer byHeader = web.get("/api/v1/auth/session", "X-Api-Key", key);
        assertThat(byHeader.status()).isEqualTo(200);
        assertThat(byHeader.json().get("user").asText()).isEqualTo("api-key");
        assertThat(byHeader.json().get("authMethod").asText()).isEqualTo("forms");
        assertThat(byHeader.json().get("csrfToken").isNull()).isTrue();
        WebClient.Answer byQuery = web.get("/api/v1/auth/session?apikey=" + key);
        assertThat(byQuery.status()).isEqualTo(200);
        assertThat(byQuery.json().get("user").asText()).isEqualTo("api-key");
        assertThat(web.send("POST", "/api/v1/jobs/" + job + "/retry", "{}", "X-Api-Key", key).status())
            .as("past the guard: no CSRF token needed with the key").isNotIn(401, 403);
        assertThat(web.get("/no/such/page", "X-Api-Key", key).status()).isEqualTo(404);

        // the page: a stranger goes to the login page, which is open with its files
        for (String page : List.of("/", "/index.html")) {
            WebClient.Answer answer = web.get(page);
            assertThat(answer.status()).as(page).isEqualTo(302);
            assertThat(answer.header("Location")).as(page).contains("/login");
        }
        assertThat(web.get("/", "X-Api-Key", key).status()).as("with the key").isIn(200, 404);
        assertOpenPageFile(web, "/login", "web/login.html");
        assertOpenPageFile(web, "/assets/app.js", "web/assets/app.js");
        WebClient.Answer uplot = web.get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");
        assertThat(uplot.status()).isEqualTo(200);
        assertThat(uplot.header("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(uplot.body()).contains("uPlot");

        for (String attempt : List.of("/assets/../../etc/passwd", "/assets/%2e%2e/%2e%2e/etc/passwd",
                "/assets/..%2f..%2fetc%2fpasswd", "/webjars/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                "/assets//etc/passwd", "/assets/%2fetc%2fpasswd", "/assets/..\\..\\application.properties",
                "/webjars/../../log4j2.properties", "/assets/../../../../../../../../etc/passwd",
                "/webjars/uplot/1.6.30/dist/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/log4j2.properties")) {
            for (WebClient.Answer answer : List.of(web.raw(attempt), web.raw(attempt, "X-Api-Key", key))) {
                assertThat(answer.status()).as(attempt).isIn(400, 401, 404);
                assertThat(answer.body()).as(attempt).doesNotContain("root:").doesNotContain("appender")
                    .doesNotContain("INBOX_FOLDER");
            }
        }

        // requests that fail before any route: answered with a problem, their URL (and key) not logged
        WebClient.Answer badQuery = web.raw("/api/v1/auth/session?a=%zz&apikey=" + key);
        assertThat(badQuery.status()).isEqualTo(400);
        WebClient.Answer tooLarge = web.send("POST", "/api/v1/auth/login", "{\"username\":\"" + "a".repeat(20_000) + "\"}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.header("Content-Type")).contains("application/problem+json");

        String log = service.log();
        assertThat(log).as("the log names where the key is kept").contains(keyFile.toString());
        // printed once, in the line that says it was generated; never again (the bad query above carried it)
        assertThat(log.split(java.util.regex.Pattern.quote(key), -1)).as("the key printed exactly once").hasSize(2);
        assertThat(log.lines().filter(line -> line.contains(key.substring(0, 20))))
            .singleElement().asString().contains("generated the API key");
    }

    @Test
    void theKeptKeyIsReusedAndAuthMethodNoneOpensEverythingWithAWarning() throws Exception {
        int port = WebClient.freePort();
        ServiceProcess first = harness.start("first", "--http-port=" + port, "--http-host=127.0.0.1");
        WebClient web = new WebClient(port);
        web.awaitReady(first, "/health/ready");
        String key = Files.readString(harness.config().resolve("api-key"));
        assertThat(first.terminate(Duration.ofSeconds(60)).exitCode()).isIn(0, 143);

        ServiceProcess open = harness.start("none", Map.of("AUTH_METHOD", "none"), "--http-port=" + port,
            "--http-host=127.0.0.1");
        web.awaitReady(open, "/health/ready");
        assertThat(Files.readString(harness.config().resolve("api-key"))).as("the same key at the next start").isEqualTo(key);

        WebClient.Answer session = web.get("/api/v1/auth/session");
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.json().get("authMethod").asText()).isEqualTo("none");
        assertThat(session.json().get("user").asText()).isEqualTo("anonymous");
        String job = "L1Rlc3QgQm9vaw";
        for (String[] route : API_ROUTES) {
            if (route[1].equals("/api/v1/events")) {
                continue; // a stream that stays open: its status is checked with the page's tests
            }
            WebClient.Answer answer = web.send(route[0], route[1].replace("X", job), route[0].equals("POST") ? "{}" : null);
            assertThat(answer.status()).as("%s %s", route[0], route[1]).isNotIn(401, 403);
        }
        assertThat(web.get("/").status()).as("the page, without a login").isIn(200, 404);
        assertThat(open.log().lines().filter(line -> line.contains("WARN") && line.contains("AUTH_METHOD=none")))
            .as("one warning at start").hasSize(1);
    }

    /** Open: 200 with the file when the class path has it, else 404, never a refusal. */
    private void assertOpenPageFile(WebClient web, String path, String resource) {
        WebClient.Answer answer = web.get(path);
        if (getClass().getClassLoader().getResource(resource) == null) {
            assertThat(answer.status()).as(path + " (no " + resource + " on this class path)").isEqualTo(404);
            return;
        }
        assertThat(answer.status()).as(path).isEqualTo(200);
        if (resource.endsWith(".html")) {
            assertThat(answer.body()).as(path).contains("<base href=\"/\">");
        }
    }
}
