package org.automb.web;

/** A request for something the API does not have: a job id the store does not know, a path no route serves. */
public final class ApiNotFound extends RuntimeException {

    public ApiNotFound(String detail) {
        super(detail, null, false, false);
    }
}
