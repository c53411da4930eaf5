package org.automb.metadata;

/**
 * A metadata service could not answer now: a server error, a timeout, too many requests, or a response that is not
 * the JSON expected. Trying again later may help; "not found" is never this exception but an empty result.
 *
 * <p>Not a {@link org.automb.failure.TransientFailure}: that names a book, and the clients serve any book. The tag
 * step wraps it in one with the book's key.
 */
public class MetadataUnavailableException extends RuntimeException {

    public MetadataUnavailableException(String message) {
        super(message);
    }

    public MetadataUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
