package org.automb.app;

import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.automb.actions.JobActions;
import org.automb.config.Settings;
import org.automb.status.StatusJson;
import org.automb.status.StatusService;
import org.automb.web.ApiActor;
import org.automb.web.ApiEndpoints;
import org.automb.web.ApiJson;
import org.automb.web.ApiProblems;

/**
 * The REST API of routes/api.camel.yaml (docs/api.md), bound only when the service's HTTP server runs: the beans
 * {@code apiEndpoints}, {@code apiProblems}, {@code apiJson} and the property {@code api.context-path}
 * ({URL_BASE}/api/v1).
 */
final class WebWiring {

    /** The API's path under URL_BASE; its version is in the path. */
    static final String API_PATH = "/api/v1";

    private WebWiring() {
    }

    /** True when this start runs the HTTP server (the service; not --once, not the in-JVM tests). */
    static boolean serverRuns(CamelContext context) {
        return context.getPropertiesComponent().resolveProperty("camel.server.enabled").map(Boolean::parseBoolean)
            .orElse(false);
    }

    /**
     * Binds the API's beans over the status service and the job actions ({@code statusService}, {@code jobActions}),
     * so after the subsystems that bind those.
     */
    static void bind(CamelContext context, Settings settings) {
        Registry registry = context.getRegistry();
        StatusService status = required(registry, "statusService", StatusService.class);
        JobActions actions = required(registry, "jobActions", JobActions.class);
        context.getPropertiesComponent().addInitialProperty("api.context-path", settings.web().urlBase() + API_PATH);
        ApiJson json = new ApiJson(StatusJson.mapper());
        registry.bind("apiJson", json);
        registry.bind("apiProblems", new ApiProblems());
        registry.bind("apiEndpoints", new ApiEndpoints(status, actions, new ApiActor(settings.web().authMethod()), json));
        registry.bind("pauseEndpoints", new org.automb.web.PauseEndpoints(
            required(registry, "conversionPause", org.automb.actions.ConversionPause.class),
            new ApiActor(settings.web().authMethod())));
    }

    private static <T> T required(Registry registry, String name, Class<T> type) {
        return Optional.ofNullable(registry.lookupByNameAndType(name, type))
            .orElseThrow(() -> new IllegalStateException("the REST API needs the bean " + name + ", bound before it"));
    }
}
