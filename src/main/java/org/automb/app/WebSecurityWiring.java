package org.automb.app;

import java.time.Clock;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Ordered;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.automb.config.Settings;
import org.automb.config.WebSettings;
import org.automb.status.LiveEvents;
import org.automb.status.StatusJson;
import org.automb.web.AccessGuard;
import org.automb.web.ApiKeyStore;
import org.automb.web.AuthEndpoints;
import org.automb.web.EventStream;
import org.automb.web.LoginSessions;
import org.automb.web.LoginThrottle;
import org.automb.web.PageFiles;
import org.automb.web.PasswordCheck;
import org.automb.web.WebPaths;
import org.automb.web.WebRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security and serving layer of the service's HTTP server (only when it runs: never with --once): the API key
 * (read or generated), the password check, the sessions, and the {@link WebRoutes} put on Camel's platform-http
 * router once the server has started and before any Camel route does, so no request reaches a route unguarded.
 */
final class WebSecurityWiring implements CamelConfiguration, StartupListener, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(WebSecurityWiring.class);

    private final Settings settings;
    private final Clock clock;
    private WebRoutes routes;

    WebSecurityWiring(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Reads or generates the key and hashes the password now (a problem ends the start), and has the handlers put
     * on the router when the context starts.
     */
    @Override
    public void configure(CamelContext context) throws Exception {
        WebSettings web = settings.web();
        WebPaths paths = new WebPaths(web.urlBase());
        ApiKeyStore apiKey = ApiKeyStore.load(web.apiKey(), settings.config(), LOG::info);
        PasswordCheck passwords = PasswordCheck.of(web.authUsername(), web.authPassword(), apiKey);
        if (web.authMethod() == WebSettings.AuthMethod.NONE) {
            LOG.warn("AUTH_METHOD=none: the API and the dashboard answer anyone who can reach {}:{} without"
                + " credentials; set AUTH_METHOD=forms unless only trusted clients can reach it",
                settings.httpHost(), settings.httpPort());
        } else {
            LOG.info("Web login: user {}, password {}; API key from {}", passwords.username(),
                describe(passwords.source()), apiKey.source());
        }
        LoginSessions sessions = new LoginSessions(clock);
        AccessGuard guard = new AccessGuard(paths, web.authMethod(), apiKey, sessions);
        AuthEndpoints auth = new AuthEndpoints(paths, web.authMethod(), passwords, sessions, new LoginThrottle(clock));
        EventStream events = new EventStream(liveEvents(context), StatusJson.mapper(),
            EventStream.KEEP_ALIVE);
        routes = new WebRoutes(paths, guard, auth, new PageFiles(paths, WebSecurityWiring.class.getClassLoader()), events);
        context.addStartupListener(this);
    }

    /** After Camel's own listener that starts the deferred services, the HTTP server among them. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST;
    }

    @Override
    public void onCamelContextStarting(CamelContext context, boolean alreadyStarted) {
        MainHttpServer server = context.hasService(MainHttpServer.class);
        VertxPlatformHttpRouter router = server == null ? null : server.getRouter();
        if (router == null) {
            // never serve the routes without the guard: without the router the start must end
            throw new IllegalStateException("the HTTP server's router is not there to put the access guard on");
        }
        routes.install(router);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // installed already, before the routes started (onCamelContextStarting)
    }

    /** The live events of the status layer (bean {@code liveEvents}), looked up when a client subscribes. */
    private static Function<BiConsumer<String, Object>, AutoCloseable> liveEvents(CamelContext context) {
        return consumer -> {
            LiveEvents events = context.getRegistry().lookupByNameAndType("liveEvents", LiveEvents.class);
            if (events == null) {
                throw new IllegalStateException("no liveEvents bean: the status layer is not wired");
            }
            return events.subscribe(event -> consumer.accept(event.type(), event.data()));
        };
    }

    private static String describe(PasswordCheck.Source source) {
        return switch (source) {
            case PLAIN -> "from AUTH_PASSWORD (hashed at start)";
            case HASH -> "from AUTH_PASSWORD (a bcrypt hash)";
            case API_KEY -> "is the API key (AUTH_PASSWORD is empty)";
        };
    }
}
