package org.automb.web;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.automb.actions.ActionRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The problem ({@link Problem}) each failure of an API route is answered with; routes/api.camel.yaml's
 * {@code api-errors} picks the method by the exception's type. Only a refusal's own words reach the client: an
 * unexpected failure is logged with its stack trace and answered with a generic 500.
 */
public final class ApiProblems {

    private static final Logger LOG = LoggerFactory.getLogger(ApiProblems.class);

    /** A bad page, size or status, or a body that is not the JSON the route takes: 400. */
    public Problem badRequest(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) IllegalArgumentException e,
                              @Header(Exchange.HTTP_PATH) String path) {
        return Problem.of(400, e.getMessage(), path);
    }

    /** An action the job store refused: 404 unknown job, 409 not in this state, 400 a body it cannot take. */
    public Problem refused(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) ActionRefused e,
                           @Header(Exchange.HTTP_PATH) String path) {
        int status = switch (e.kind()) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case BAD_REQUEST -> 400;
        };
        return Problem.of(status, e.detail(), path);
    }

    /** A job id the store does not know, or a path under the API no route serves: 404. */
    public Problem notFound(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) ApiNotFound e,
                            @Header(Exchange.HTTP_PATH) String path) {
        return Problem.of(404, e.getMessage(), path);
    }

    /** A path under the API that no route serves (or a method it does not take there): 404. */
    public Problem noRoute(@Header(Exchange.HTTP_METHOD) String method, @Header(Exchange.HTTP_PATH) String path) {
        return Problem.of(404, "no API route answers " + method + " on this path (see openapi.json)", path);
    }

    /** Anything else: logged whole for the operator, the client told only that the request failed. */
    public Problem internal(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception e,
                            @Header(Exchange.HTTP_METHOD) String method, @Header(Exchange.HTTP_PATH) String path) {
        LOG.error("API request {} {} failed", method, path, e);
        return Problem.of(500, "the request failed on the server; its log has the cause", path);
    }
}
