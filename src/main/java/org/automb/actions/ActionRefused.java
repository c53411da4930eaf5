package org.automb.actions;

import java.util.Objects;

/**
 * A user's action the service did not carry out, and why: the job is unknown ({@link Kind#NOT_FOUND}), not in a state
 * that allows the action ({@link Kind#CONFLICT}), or the request was malformed ({@link Kind#BAD_REQUEST}). The web
 * layer answers 404, 409 or 400 with {@link #detail()} as the problem's detail.
 */
public final class ActionRefused extends RuntimeException {

    /** Why the action was refused. */
    public enum Kind { NOT_FOUND, CONFLICT, BAD_REQUEST }

    private final Kind kind;
    private final String detail;

    public ActionRefused(Kind kind, String detail) {
        super(detail);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public static ActionRefused notFound(String detail) {
        return new ActionRefused(Kind.NOT_FOUND, detail);
    }

    public static ActionRefused conflict(String detail) {
        return new ActionRefused(Kind.CONFLICT, detail);
    }

    public static ActionRefused badRequest(String detail) {
        return new ActionRefused(Kind.BAD_REQUEST, detail);
    }

    public Kind kind() {
        return kind;
    }

    /** A sentence for the user, naming the job and what is wrong. */
    public String detail() {
        return detail;
    }
}
