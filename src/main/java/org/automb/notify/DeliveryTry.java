package org.automb.notify;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One try of a delivery: the destination sends the event once; the last HTTP status it got back is kept, for the
 * job's deliveries and --test-notify's {@code sent (HTTP 204)}.
 */
final class DeliveryTry {

    private DeliveryTry() {
    }

    /**
     * Delivers once.
     *
     * @return the status of the destination's last HTTP answer; null when it sent no HTTP request (mail)
     * @throws DeliveryFailure when it did not arrive; an unexpected error of the destination is a failure that is
     *                         not retried (its message masked by the caller)
     */
    static Integer once(Delivery delivery, Outbound outbound) throws DeliveryFailure {
        AtomicInteger lastStatus = new AtomicInteger(-1);
        Outbound watched = new Outbound() {
            @Override
            public HttpReply send(OutboundRequest request) throws DeliveryFailure {
                HttpReply reply = outbound.send(request);
                lastStatus.set(reply.status());
                return reply;
            }

            @Override
            public void mail(MailMessage message) throws DeliveryFailure {
                outbound.mail(message);
            }
        };
        try {
            delivery.destination().deliver(delivery.event(), watched);
        } catch (RuntimeException e) {
            throw new DeliveryFailure("unexpected " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()), false, null, null);
        }
        return lastStatus.get() < 0 ? null : lastStatus.get();
    }

    /** What people may read of a failure: its message with the destination's secrets masked, on one line. */
    static String reason(Throwable failure, Destination destination) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return Masking.text(message.replaceAll("\\s*\\R\\s*", " ").strip(), destination.secrets());
    }
}
