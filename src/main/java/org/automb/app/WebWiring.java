package org.automb.app;

import java.time.Clock;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.automb.actions.JobActions;
import org.automb.actions.PipelineRequests;
import org.automb.config.Settings;
import org.automb.jobs.store.JobStore;
import org.automb.status.StatusJson;
import org.automb.status.StatusService;
import org.automb.steps.TagStep;
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
     * Binds the API's beans over the status service and the job actions ({@code statusService}, {@code jobActions});
     * called after every other subsystem has bound its beans.
     */
    static void bind(CamelContext context, Settings settings, Clock clock, JobStore store, DeliveryWiring delivery) {
        Registry registry = context.getRegistry();
        // TODO(api15): until status15's StatusWiring and actions15's ActionsWiring are merged, made here as they do
        StatusService status = Optional.ofNullable(registry.lookupByNameAndType("statusService", StatusService.class))
            .orElseGet(() -> new StatusService(store, settings, clock, TaggingWiring.VERSION));
        JobActions actions = Optional.ofNullable(registry.lookupByNameAndType("jobActions", JobActions.class))
            .orElseGet(() -> new JobActions(store, status, settings, delivery.layout(), delivery.mover(),
                new PipelineRequests(context.createProducerTemplate(), registry.lookupByNameAndType("tagStep", TagStep.class)),
                clock));
        context.getPropertiesComponent().addInitialProperty("api.context-path", settings.web().urlBase() + API_PATH);
        ApiJson json = new ApiJson(StatusJson.mapper());
        registry.bind("apiJson", json);
        registry.bind("apiProblems", new ApiProblems());
        registry.bind("apiEndpoints", new ApiEndpoints(status, actions, new ApiActor(settings.web().authMethod()), json));
    }
}
