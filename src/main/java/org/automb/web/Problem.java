package org.automb.web;

/**
 * An error answer of the API as RFC 9457 defines it ({@code application/problem+json}).
 *
 * @param type     {@code about:blank}: the HTTP status says what went wrong, {@code title} is its phrase
 * @param title    the status's phrase: {@code Not Found}, {@code Conflict}...
 * @param status   the HTTP status code
 * @param detail   what was wrong with this request, for the user (never a stack trace or a server path)
 * @param instance the path of the request
 */
public record Problem(String type, String title, int status, String detail, String instance) {

    /** An {@code about:blank} problem of {@code status}. */
    public static Problem of(int status, String detail, String instance) {
        return new Problem("about:blank", title(status), status, detail, instance);
    }

    /** The status's phrase, the {@code title} of an {@code about:blank} problem. */
    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
