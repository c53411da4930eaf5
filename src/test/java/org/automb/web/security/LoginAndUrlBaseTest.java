package org.automb.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.automb.reliability.ChildServiceHarness;
import org.automb.reliability.ServiceProcess;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The login page's way in, on the real service under URL_BASE=/automb with its own user and password: everything
 * moves under the base (health answers at the root too), a login sets an HttpOnly, SameSite=Strict cookie for
 * {@code /automb/} (Secure behind https), the cookie needs the CSRF token for anything but reads, the event stream
 * tells a real book's changes to the cookie's holder, logout ends the session, five failed logins block the address
 * (even for the right password), and neither the password, the key, the cookie nor the token ever reach the log.
 */
class LoginAndUrlBaseTest {

    private static final String USER = "reader";
    private static final String PASSWORD = "Corr3ct horse battery";

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    @Test
    void loginCookieCsrfEventsLogoutAndThrottleUnderAUrlBase() throws Exception {
        int port = WebClient.freePort();
        ServiceProcess service = harness.start("service",
            Map.of("URL_BASE", "/automb", "AUTH_USERNAME", USER, "AUTH_PASSWORD", PASSWORD),
            "--http-port=" + port, "--http-host=127.0.0.1", "--debug=Y");
        WebClient web = new WebClient(port);
        web.awaitReady(service, "/health/ready");
        String key = Files.readString(harness.config().resolve("api-key")).strip();
        List<String> secrets = new ArrayList<>(List.of(PASSWORD));

        // everything under the base; health at the root too
        assertThat(web.get("/automb/health/ready").status()).isEqualTo(200);
        assertThat(web.get("/automb/health/live").status()).isEqualTo(200);
        assertThat(web.get("/automb").header("Location")).contains("/automb/");
        assertThat(web.get("/automb/").header("Location")).contains("/automb/login");
        assertThat(web.get("/automb/login").status()).isIn(200, 404).isNotEqualTo(401);
        assertThat(web.get("/automb/webjars/uplot/1.6.30/dist/uPlot.min.css").status()).isEqualTo(200);
        assertThat(web.get("/automb/api/v1/auth/session", "X-Api-Key", key).status()).isEqualTo(200);
        assertThat(web.get("/api/v1/auth/session", "X-Api-Key", key).status()).as("not outside the base").isEqualTo(404);
        assertThat(web.get("/webjars/uplot/1.6.30/dist/uPlot.min.css").status()).as("not outside the base").isEqualTo(401);

        // login: wrong, then right (JSON), then right as a form
        WebClient.Answer wrong = web.send("POST", "/automb/api/v1/auth/login", WebClient.loginBody(USER, "wrong"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("Content-Type")).contains("application/problem+json");
        assertThat(wrong.headers("Set-Cookie")).isEmpty();
        assertThat(web.send("POST", "/automb/api/v1/auth/login", WebClient.loginBody("admin", PASSWORD)).status())
            .as("another user name").isEqualTo(401);
        assertThat(web.send("POST", "/automb/api/v1/auth/login", WebClient.loginBody(USER, key)).status())
            .as("the key is no password while AUTH_PASSWORD is set").isEqualTo(401);

        WebClient.Answer login = web.send("POST", "/automb/api/v1/auth/login", WebClient.loginBody(USER, PASSWORD));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().get("user").asText()).isEqualTo(USER);
        String csrf = login.json().get("csrfToken").asText();
        String setCookie = login.header("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("automb_session=").containsIgnoringCase("; HttpOnly")
            .contains("; SameSite=Strict").contains("; Path=/automb/").doesNotContainIgnoringCase("secure");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        secrets.add(cookie.substring("automb_session=".length()));
        secrets.add(csrf);

        WebClient.Answer behindProxy = web.send("POST", "/automb/api/v1/auth/login",
            "username=" + USER + "&password=" + java.net.URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8),
            "Content-Type", "application/x-www-form-urlencoded", "X-Forwarded-Proto", "https");
        assertThat(behindProxy.status()).as("a form login: " + behindProxy.body()).isEqualTo(200);
        assertThat(behindProxy.header("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).containsIgnoringCase("; Secure"));
        secrets.add(behindProxy.json().get("csrfToken").asText());

        // the cookie opens the page and the API; writes need the token
        WebClient.Answer session = web.get("/automb/api/v1/auth/session", "Cookie", cookie);
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.json().get("user").asText()).isEqualTo(USER);
        assertThat(session.json().get("csrfToken").asText()).isEqualTo(csrf);
        assertThat(session.json().get("authMethod").asText()).isEqualTo("forms");
        assertThat(web.get("/automb/", "Cookie", cookie).status()).as("the page").isIn(200, 404);
        String retry = "/automb/api/v1/jobs/L1Rlc3QgQm9vaw/retry";
        for (String[] write : List.of(new String[] {"POST", retry}, new String[] {"DELETE", "/automb/api/v1/jobs/L1Rlc3QgQm9vaw"})) {
            WebClient.Answer noToken = web.send(write[0], write[1], "{}", "Cookie", cookie);
            assertThat(noToken.status()).as(write[0] + " without the token").isEqualTo(403);
            assertThat(noToken.header("Content-Type")).contains("application/problem+json");
            assertThat(web.send(write[0], write[1], "{}", "Cookie", cookie, "X-CSRF-Token", csrf + "x").status())
                .as(write[0] + " with a wrong token").isEqualTo(403);
            assertThat(web.send(write[0], write[1], "{}", "Cookie", cookie, "X-CSRF-Token", csrf).status())
                .as(write[0] + " with the token: past the guard").isNotIn(401, 403);
        }
        assertThat(web.get("/automb/api/v1/auth/session", "Cookie", "automb_session=forged").status()).isEqualTo(401);

        // the event stream, with the cookie as a browser's EventSource sends it: a real book's changes
        HttpResponse<InputStream> stream = web.http().send(HttpRequest.newBuilder(web.uri("/automb/api/v1/events"))
            .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofInputStream());
        try {
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).contains("text/event-stream; charset=utf-8");
            BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
            assertThat(lines.readLine()).startsWith("retry:");
            harness.dropMp3Book(TestAudio.bundled(), "Event Book", 3);
            JsonNode job = CompletableFuture.supplyAsync(() -> firstJobEvent(lines)).get(90, TimeUnit.SECONDS);
            assertThat(job.get("key").asText()).endsWith("Event Book");
            assertThat(job.get("id").asText()).isNotEmpty();
            assertThat(job.has("state")).isTrue();
        } finally {
            stream.body().close();
        }

        // logout ends the session
        assertThat(web.send("POST", "/automb/api/v1/auth/logout", null, "Cookie", cookie).status())
            .as("logout without the token").isEqualTo(403);
        WebClient.Answer logout = web.send("POST", "/automb/api/v1/auth/logout", null, "Cookie", cookie, "X-CSRF-Token", csrf);
        assertThat(logout.status()).isEqualTo(204);
        assertThat(logout.header("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(web.get("/automb/api/v1/auth/session", "Cookie", cookie).status()).isEqualTo(401);
        assertThat(web.get("/automb/", "Cookie", cookie).status()).isEqualTo(302);

        // five failures in a row block the address, the right password too, with Retry-After
        for (int i = 1; i <= 5; i++) {
            assertThat(web.send("POST", "/automb/api/v1/auth/login", WebClient.loginBody(USER, "guess " + i)).status())
                .as("failure %d", i).isEqualTo(401);
        }
        WebClient.Answer blocked = web.send("POST", "/automb/api/v1/auth/login", WebClient.loginBody(USER, PASSWORD));
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Content-Type")).contains("application/problem+json");
        assertThat(Long.parseLong(blocked.header("Retry-After").orElseThrow())).isBetween(1L, 300L);
        assertThat(blocked.headers("Set-Cookie")).isEmpty();
        assertThat(web.get("/automb/api/v1/auth/session", "X-Api-Key", key).status()).as("the key still works").isEqualTo(200);

        String log = service.log();
        for (String secret : secrets) {
            assertThat(log).as("a secret in the log").doesNotContain(secret);
        }
        // the generated key: printed once, when it was made, never in a request's line
        assertThat(log.split(java.util.regex.Pattern.quote(key), -1)).as("the key printed exactly once").hasSize(2);
    }

    /** The data of the first {@code event: job} frame. */
    private static JsonNode firstJobEvent(BufferedReader lines) {
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.equals("event: job")) {
                    String data = lines.readLine();
                    return WebClient.JSON.readTree(data.substring("data: ".length()));
                }
            }
            throw new AssertionError("the stream ended without a job event");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
