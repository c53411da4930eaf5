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

    /**
     * The failure handler of the web layer's own routes: a problem for the status the failure carries (413 for a
     * body too large, 400, else 500), and a log line without the request's URL, which may carry {@code ?apikey=}.
     */
    static void failure(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status >= 500) {
            org.slf4j.LoggerFactory.getLogger(ProblemResponses.class).warn("{} {} failed: {}", ctx.request().method(),
                ctx.normalizedPath(), ctx.failure() == null ? "status " + status : ctx.failure().toString());
        }
        send(ctx, status, status == 413 ? "The request body is too large" : Problem.title(status));
    }

    /** Answers {@code status} with the API's {@link Problem} for this request. */
    static void send(RoutingContext ctx, int status, String detail) {
        Problem answer = Problem.of(status, detail, ctx.request().path());
        JsonObject problem = new JsonObject()
            .put("type", answer.type())
            .put("title", answer.title())
            .put("status", answer.status())
            .put("detail", answer.detail())
            .put("instance", answer.instance());
        HttpServerResponse response = ctx.response().setStatusCode(status)
            .putHeader("Content-Type", "application/problem+json")
            .putHeader("Cache-Control", "no-store");
        response.end(problem.encode());
    }
}
