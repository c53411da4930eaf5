package org.automb.notify;

/**
 * How destinations reach the world: HTTP through camel-http and mail through camel-mail (the routes send-http and
 * send-mail in routes/notify.camel.yaml), so every request is on a route Camel counts and shows.
 */
public interface Outbound {

    /**
     * Sends one HTTP request and returns the answer, whatever its status.
     *
     * @throws DeliveryFailure (retryable) when no answer came: refused, reset, timed out, unknown host
     */
    HttpReply send(OutboundRequest request) throws DeliveryFailure;

    /**
     * Sends one mail.
     *
     * @throws DeliveryFailure when the server refused it or could not be reached (retryable unless it is refused
     *                         for good: authentication failed, recipient rejected)
     */
    void mail(MailMessage message) throws DeliveryFailure;
}
