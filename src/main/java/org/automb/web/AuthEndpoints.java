package org.automb.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import org.automb.config.WebSettings.AuthMethod;

/**
 * The login page's three endpoints, as Vert.x handlers behind the {@link AccessGuard}:
 * <ul>
 * <li>{@code POST {URL_BASE}/api/v1/auth/login} (open): JSON or form-encoded {@code username}, {@code password}
 * → 200 {@code {"user","csrfToken"}} and the {@code automb_session} cookie; 401 when wrong; 429 with Retry-After
 * after {@link LoginThrottle#MAX_FAILURES} failures from the address, whatever the password;</li>
 * <li>{@code POST {URL_BASE}/api/v1/auth/logout}: ends the session, clears the cookie, 204;</li>
 * <li>{@code GET {URL_BASE}/api/v1/auth/session}: {@code {"user","csrfToken","authMethod"}}.</li>
 * </ul>
 */
public final class AuthEndpoints {

    private final WebPaths paths;
    private final AuthMethod method;
    private final PasswordCheck passwords;
    private final LoginSessions sessions;
    private final LoginThrottle throttle;

    public AuthEndpoints(WebPaths paths, AuthMethod method, PasswordCheck passwords, LoginSessions sessions,
                         LoginThrottle throttle) {
        this.paths = paths;
        this.method = method;
        this.passwords = passwords;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    /** {@code POST …/auth/login}: needs the body read (a BodyHandler before it). */
    public void login(RoutingContext ctx) {
        String address = clientAddress(ctx);
        Optional<Duration> blocked = throttle.blockedFor(address);
        if (blocked.isPresent()) {
            tooManyAttempts(ctx, blocked.get());
            return;
        }
        Optional<String[]> credentials = credentials(ctx);
        if (credentials.isEmpty()) {
            ProblemResponses.send(ctx, 400, "Send {\"username\":\"…\",\"password\":\"…\"} as JSON or as a form (username=…&password=…)");
            return;
        }
        String user = credentials.get()[0];
        String password = credentials.get()[1];
        // bcrypt takes tens of milliseconds: off the event loop, in Vert.x's worker pool
        ctx.vertx().<Boolean>executeBlocking(() -> passwords.verify(user, password), false).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
                return;
            }
            if (!result.result()) {
                throttle.failed(address);
                ProblemResponses.send(ctx, 401, "Wrong user name or password");
                return;
            }
            // a success still counts for nothing while blocked: a guess that hit while blocked is not let in
            Optional<Duration> blockedNow = throttle.blockedFor(address);
            if (blockedNow.isPresent()) {
                tooManyAttempts(ctx, blockedNow.get());
                return;
            }
            throttle.succeeded(address);
            LoginSessions.Session session = sessions.create(passwords.username());
            ctx.response().addCookie(sessionCookie(ctx, session.id(), LoginSessions.ABSOLUTE.toSeconds()));
            sendJson(ctx, 200, new JsonObject().put("user", session.user()).put("csrfToken", session.csrfToken()));
        });
    }

    /** {@code POST …/auth/logout}. */
    public void logout(RoutingContext ctx) {
        LoginSessions.Session session = ctx.get(AccessGuard.SESSION_KEY);
        if (session != null) {
            sessions.end(session.id());
        }
        ctx.response().addCookie(sessionCookie(ctx, "", 0));
        ctx.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end();
    }

    /** {@code GET …/auth/session}. */
    public void session(RoutingContext ctx) {
        LoginSessions.Session session = ctx.get(AccessGuard.SESSION_KEY);
        User user = ctx.user();
        JsonObject body = new JsonObject()
            .put("user", session != null ? session.user() : user != null ? user.subject() : null)
            .put("csrfToken", session != null ? session.csrfToken() : null)
            .put("authMethod", method.name().toLowerCase(java.util.Locale.ROOT));
        sendJson(ctx, 200, body);
    }

    /** The username and password of a JSON or form body; empty when neither is there. */
    private static Optional<String[]> credentials(RoutingContext ctx) {
        String contentType = Optional.ofNullable(ctx.request().getHeader("Content-Type")).orElse("").toLowerCase(java.util.Locale.ROOT);
        String user;
        String password;
        if (contentType.startsWith("application/x-www-form-urlencoded") || contentType.startsWith("multipart/form-data")) {
            user = ctx.request().getFormAttribute("username");
            password = ctx.request().getFormAttribute("password");
        } else {
            JsonObject json;
            try {
                json = ctx.body().asJsonObject();
            } catch (DecodeException | ClassCastException e) {
                return Optional.empty();
            }
            if (json == null || !(json.getValue("username") instanceof String)
                    || !(json.getValue("password") instanceof String)) {
                return Optional.empty();
            }
            user = json.getString("username");
            password = json.getString("password");
        }
        return user == null || password == null ? Optional.empty() : Optional.of(new String[] {user, password});
    }

    private void tooManyAttempts(RoutingContext ctx, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ctx.response().putHeader("Retry-After", String.valueOf(seconds));
        ProblemResponses.send(ctx, 429, "Too many failed logins from this address; try again in "
            + seconds + " s");
    }

    private Cookie sessionCookie(RoutingContext ctx, String value, long maxAgeSeconds) {
        return Cookie.cookie(AccessGuard.SESSION_COOKIE, value)
            .setPath(paths.root())
            .setHttpOnly(true)
            .setSameSite(CookieSameSite.STRICT)
            .setSecure(isHttps(ctx))
            .setMaxAge(maxAgeSeconds);
    }

    /** Whether the browser talks https to us, directly or to the reverse proxy in front (X-Forwarded-Proto). */
    static boolean isHttps(RoutingContext ctx) {
        String forwarded = ctx.request().getHeader("X-Forwarded-Proto");
        return ctx.request().isSSL() || forwarded != null && forwarded.trim().toLowerCase(java.util.Locale.ROOT).startsWith("https");
    }

    private static String clientAddress(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }

    private static void sendJson(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status)
            .putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store")
            .end(body.encode());
    }
}
