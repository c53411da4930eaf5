package org.automb.web;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * RFC 9457 problem answers ({@code application/problem+json}) of the guard and the login endpoints, in the API's
 * shape: {@code {"type":"about:blank","title","status","detail","instance"}}.
 */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static void send(RoutingContext ctx, int status, String title, String detail) {
        JsonObject problem = new JsonObject()
            .put("type", "about:blank")
            .put("title", title)
            .put("status", status)
            .put("detail", detail)
            .put("instance", ctx.request().path());
        HttpServerResponse response = ctx.response().setStatusCode(status)
            .putHeader("Content-Type", "application/problem+json")
            .putHeader("Cache-Control", "no-store");
        response.end(problem.encode());
    }
}
