package org.automb.app.health;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code GET /health/live} and {@code GET /health/ready} on the service's embedded HTTP server (camel.server.*,
 * from HTTP_HOST and HTTP_PORT), open without credentials. Added only when the server runs: never with --once.
 */
public final class HealthRoutes extends RouteBuilder {

    @Override
    public void configure() {
        HealthReports reports = new HealthReports(getContext());
        // liveness: the Camel context started and running (a probe restarts a service that fails it)
        from("platform-http:/health/live?httpMethodRestrict=GET").routeId("health-live")
            .process(exchange -> respond(exchange, reports.liveness()));
        // readiness: every folder, free space, the encoder and the job store, each by name
        from("platform-http:/health/ready?httpMethodRestrict=GET").routeId("health-ready")
            .process(exchange -> respond(exchange, reports.readiness()));
    }

    private static void respond(Exchange exchange, HealthReport report) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, report.httpStatus());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(report.toJson());
    }
}
