package org.automb.failure;

/** Finds the {@link BookFailure} in an exception's cause chain (Camel may wrap what a bean threw). */
public final class BookFailures {

    private BookFailures() {
    }

    public static BookFailure find(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BookFailure failure) {
                return failure;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
