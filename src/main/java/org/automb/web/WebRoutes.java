package org.automb.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Puts the web layer's Vert.x handlers on the service's HTTP router (Camel's platform-http router), each with an
 * {@code order} below every Camel route's, so they run first whatever the order of start-up: the
 * {@link AccessGuard} on every request, then the login endpoints, the event stream and the page's files. Camel's
 * routes (health, the REST API) see only requests the guard let through.
 */
public final class WebRoutes {

    /** The guard's order: before anything else on the router (Camel's routes take 0 and up). */
    public static final int GUARD_ORDER = -1000;
    private static final int HANDLER_ORDER = -900;
    // a login body is two short fields; anything bigger is not a login
    private static final long LOGIN_BODY_LIMIT = 16 * 1024;

    private final WebPaths paths;
    private final AccessGuard guard;
    private final AuthEndpoints auth;
    private final PageFiles files;
    private final EventStream events;

    public WebRoutes(WebPaths paths, AccessGuard guard, AuthEndpoints auth, PageFiles files, EventStream events) {
        this.paths = paths;
        this.guard = guard;
        this.auth = auth;
        this.files = files;
        this.events = events;
    }

    /** Adds the handlers to {@code router}; call before Camel starts its routes. */
    public void install(Router router) {
        // the guard's failure handler answers every failure with a problem, never logging the URL (?apikey=)
        router.route().order(GUARD_ORDER).handler(guard).failureHandler(ProblemResponses::failure);
        int order = HANDLER_ORDER;
        router.route(HttpMethod.POST, paths.api("/auth/login")).order(order++)
            .handler(BodyHandler.create(false).setBodyLimit(LOGIN_BODY_LIMIT)).handler(auth::login);
        router.route(HttpMethod.POST, paths.api("/auth/logout")).order(order++).handler(auth::logout);
        router.route(HttpMethod.GET, paths.api("/auth/session")).order(order++).handler(auth::session);
        router.route(HttpMethod.GET, paths.api("/events")).order(order++).handler(events::handle);
        for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD}) {
            router.route(method, paths.root()).order(order++).handler(files::index);
            router.route(method, paths.index()).order(order++).handler(files::index);
            router.route(method, paths.login()).order(order++).handler(files::login);
            router.route(method, paths.loginHtml()).order(order++).handler(files::login);
            router.route(method, paths.assets() + "*").order(order++).handler(files::asset);
            router.route(method, paths.webjars() + "*").order(order++).handler(files::webjar);
        }
    }
}
