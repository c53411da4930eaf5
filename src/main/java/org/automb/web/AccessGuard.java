package org.automb.web;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.automb.config.WebSettings.AuthMethod;

/**
 * The first handler of every request on the service's HTTP server, ahead of every Camel route: lets a request on
 * only with credentials, except the health endpoints, the login page and its files, and the login itself.
 * <ul>
 * <li>{@code /health/*} (and {@code {URL_BASE}/health/*}, rerouted to the root) are open;</li>
 * <li>{@code {URL_BASE}/login}, {@code {URL_BASE}/assets/**}, {@code {URL_BASE}/webjars/**} and
 * {@code POST {URL_BASE}/api/v1/auth/login} are open;</li>
 * <li>everything else needs the API key ({@code X-Api-Key} header or {@code ?apikey=}) or a live session cookie;
 * with the cookie, methods other than GET/HEAD/OPTIONS also need {@code X-CSRF-Token} = the session's token
 * (else 403);</li>
 * <li>without them: the page ({@code {URL_BASE}/}, {@code /index.html}) redirects to the login page, everything else
 * answers 401 with a problem. A wrong key answers exactly as a missing one.</li>
 * </ul>
 * A request let through carries its actor as the Vert.x user (Camel hands it to the routes as
 * {@code CamelVertxPlatformHttpAuthenticatedUser}): the login name, {@link #API_KEY_ACTOR} or
 * {@link #ANONYMOUS_ACTOR} (AUTH_METHOD=none). The credentials themselves are taken off the request before it goes
 * on, so no route can log them.
 */
public final class AccessGuard implements Handler<RoutingContext> {

    /** The session cookie's name. */
    public static final String SESSION_COOKIE = "automb_session";
    /** The header that carries the API key. */
    public static final String API_KEY_HEADER = "X-Api-Key";
    /** The query parameter that carries the API key (for clients that cannot set headers). */
    public static final String API_KEY_PARAMETER = "apikey";
    /** The header that carries the session's CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** The actor of a request made with the API key. */
    public static final String API_KEY_ACTOR = "api-key";
    /** The actor of every request with AUTH_METHOD=none. */
    public static final String ANONYMOUS_ACTOR = "anonymous";
    /** Where the guard leaves the request's session (absent for the API key and AUTH_METHOD=none). */
    static final String SESSION_KEY = "automb.session";

    private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final WebPaths paths;
    private final AuthMethod method;
    private final ApiKeyStore apiKey;
    private final LoginSessions sessions;

    public AccessGuard(WebPaths paths, AuthMethod method, ApiKeyStore apiKey, LoginSessions sessions) {
        this.paths = paths;
        this.method = method;
        this.apiKey = apiKey;
        this.sessions = sessions;
    }

    @Override
    public void handle(RoutingContext ctx) {
        // Vert.x's normalised path: percent-decoded where RFC 3986 allows, dot segments removed; routes match on it too
        String path = ctx.normalizedPath();
        if (!queryDecodes(ctx)) {
            // answered here: left to Vert.x, the error log line would quote the whole URL, ?apikey= and all
            ProblemResponses.send(ctx, 400, "The query string is not valid percent-encoding");
            return;
        }
        if (paths.isHealth(path)) {
            String atRoot = paths.healthAtRoot(path);
            if (atRoot.equals(path)) {
                ctx.next();
            } else {
                ctx.reroute(atRoot); // the Camel health routes listen at the root only
            }
            return;
        }
        if (!paths.base().isEmpty() && path.equals(paths.base())) {
            redirect(ctx, paths.root()); // the page's relative URLs need the trailing slash
            return;
        }
        if (method == AuthMethod.NONE) {
            pass(ctx, ANONYMOUS_ACTOR);
            return;
        }
        if (isOpen(path, ctx.request().method())) {
            ctx.next();
            return;
        }
        HttpServerRequest request = ctx.request();
        String key = request.getHeader(API_KEY_HEADER);
        if (key == null) {
            key = ctx.queryParams().get(API_KEY_PARAMETER);
        }
        if (key != null) {
            if (apiKey.matches(key)) {
                pass(ctx, API_KEY_ACTOR);
            } else {
                refuse(ctx, path); // a wrong key gets the same answer as none: nothing to learn from it
            }
            return;
        }
        Optional<LoginSessions.Session> session = sessionOf(request);
        if (session.isPresent()) {
            if (!SAFE_METHODS.contains(request.method()) && !csrfMatches(request.getHeader(CSRF_HEADER), session.get())) {
                ProblemResponses.send(ctx, 403, "A request made with the session cookie must send the"
                    + " session's CSRF token in the " + CSRF_HEADER + " header (GET " + paths.api("/auth/session")
                    + " tells it)");
                return;
            }
            ctx.put(SESSION_KEY, session.get());
            pass(ctx, session.get().user());
            return;
        }
        refuse(ctx, path);
    }

    /** The session whose id the request's cookie carries; empty without a cookie or when it expired. */
    Optional<LoginSessions.Session> sessionOf(HttpServerRequest request) {
        Cookie cookie = request.getCookie(SESSION_COOKIE);
        return cookie == null ? Optional.empty() : sessions.find(cookie.getValue());
    }

    private static boolean queryDecodes(RoutingContext ctx) {
        try {
            ctx.queryParams();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean isOpen(String path, HttpMethod requestMethod) {
        if (path.equals(paths.login()) || path.equals(paths.loginHtml())
                || path.startsWith(paths.assets()) || path.startsWith(paths.webjars())) {
            return true;
        }
        return requestMethod == HttpMethod.POST && path.equals(paths.api("/auth/login"));
    }

    private void refuse(RoutingContext ctx, String path) {
        boolean page = path.equals(paths.root()) || path.equals(paths.index());
        HttpMethod requestMethod = ctx.request().method();
        if (page && (requestMethod == HttpMethod.GET || requestMethod == HttpMethod.HEAD)) {
            redirect(ctx, paths.login());
            return;
        }
        ctx.response().putHeader("WWW-Authenticate", "ApiKey header=\"" + API_KEY_HEADER + "\"");
        ProblemResponses.send(ctx, 401, "This needs the API key (" + API_KEY_HEADER + " header or ?"
            + API_KEY_PARAMETER + "=) or a login session (POST " + paths.api("/auth/login") + ")");
    }

    /** Lets the request on as {@code actor}, without the credentials it came with. */
    private static void pass(RoutingContext ctx, String actor) {
        ctx.setUser(User.fromName(actor));
        stripCredentials(ctx);
        ctx.next();
    }

    /**
     * Takes the key, the cookie and the token off the request: Camel copies headers and query parameters into the
     * exchange, where a route or an error log could print them. Best effort: a request whose headers cannot change
     * goes on as it is (the secrets then still only live in memory).
     */
    private static void stripCredentials(RoutingContext ctx) {
        try {
            ctx.request().headers().remove(API_KEY_HEADER).remove(CSRF_HEADER).remove("Cookie");
            ctx.queryParams().remove(API_KEY_PARAMETER);
        } catch (UnsupportedOperationException e) {
            // read-only headers (not the case for Vert.x's HTTP/1.1 and HTTP/2 server requests)
        }
    }

    private static boolean csrfMatches(String sent, LoginSessions.Session session) {
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
            session.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    private static void redirect(RoutingContext ctx, String location) {
        ctx.response().setStatusCode(302).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
    }
}
