package org.automb.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code --test-notify}: a {@link EventType#TEST} event sent to every destination, one after the other, while the
 * user waits. A failed try is repeated as the service would, but shortened ({@link #SHORT_RETRIES} retries, no wait
 * longer than {@link #SHORT_WAIT}) so the command ends within seconds; nothing is queued or recorded.
 */
public final class TestNotifications {

    /** At most this many retries per destination. */
    public static final int SHORT_RETRIES = 2;
    /** No wait between tries is longer (a longer Retry-After is cut to it). */
    public static final Duration SHORT_WAIT = Duration.ofSeconds(5);

    /**
     * What became of the test at one destination.
     *
     * @param label  the destination's masked label
     * @param sent   whether it arrived
     * @param status the last HTTP status; null when none came (or the destination sends mail)
     * @param reason why it failed, masked; null when sent
     * @param tries  how many tries it took
     */
    public record Outcome(String label, boolean sent, Integer status, String reason, int tries) {

        /** {@code discord://1234…/***: sent (HTTP 204)} or {@code ...: failed: HTTP 401: ...}. */
        public String line() {
            return label + ": " + (sent ? "sent" + (status == null ? "" : " (HTTP " + status + ")") : "failed: " + reason);
        }
    }

    /** How a wait is spent (tests may pass a quicker one). */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Outbound outbound;
    private final DeliveryRetryPolicy policy;
    private final Sleeper sleeper;

    public TestNotifications(Outbound outbound, DeliveryRetryPolicy servicePolicy, Sleeper sleeper) {
        this.outbound = outbound;
        this.policy = servicePolicy.shortened(SHORT_RETRIES, SHORT_WAIT);
        this.sleeper = sleeper;
    }

    /** The test event: "Test from INSTANCE_NAME". */
    public static NotifyEvent event(String instanceName, Clock clock) {
        return new NotifyEvent(UUID.randomUUID().toString(), EventType.TEST, clock.instant(),
            "Test from " + instanceName,
            "This is a test notification from auto-m4b (" + instanceName + "). If you can read it, this destination works.",
            null, null, null, null, null, null, null, 0);
    }

    /** Sends {@code event} to each destination in turn; one outcome each, in order. */
    public List<Outcome> sendAll(NotifyEvent event, Destinations destinations) throws InterruptedException {
        List<Outcome> outcomes = new ArrayList<>();
        for (Destination destination : destinations.all()) {
            outcomes.add(send(new Delivery(event, destination)));
        }
        return outcomes;
    }

    private Outcome send(Delivery delivery) throws InterruptedException {
        Destination destination = delivery.destination();
        for (int tries = 1; ; tries++) {
            try {
                Integer status = DeliveryTry.once(delivery, outbound);
                return new Outcome(destination.label(), true, status, null, tries);
            } catch (DeliveryFailure failure) {
                Optional<Duration> wait = policy.nextWait(destination, tries, failure);
                if (wait.isEmpty()) {
                    return new Outcome(destination.label(), false, failure.statusCode().orElse(null),
                        DeliveryTry.reason(failure, destination), tries);
                }
                sleeper.sleep(wait.get());
            }
        }
    }
}
