package org.automb.notify;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deliveries under way: queued, being sent or waiting for a retry. {@code --once} waits (bounded) until there are
 * none, and whatever is left when the service ends is named as abandoned. A delivery is here from the moment it is
 * queued until it is settled (sent, given up or dropped).
 */
public final class PendingDeliveries {

    private final Set<Delivery> pending = ConcurrentHashMap.newKeySet();
    private final Object settled = new Object();

    /**
     * A delivery enters the queue.
     *
     * @return false when this very event is already under way to this destination (it is not sent twice)
     */
    public boolean queued(Delivery delivery) {
        return pending.add(delivery);
    }

    /** It was sent, given up, dropped or abandoned. */
    public void settled(Delivery delivery) {
        pending.remove(delivery);
        synchronized (settled) {
            settled.notifyAll();
        }
    }

    public int size() {
        return pending.size();
    }

    /** What is still under way, for the abandoned list. */
    public List<Delivery> pending() {
        return List.copyOf(pending);
    }

    /**
     * Waits until nothing is under way, at most {@code limit}.
     *
     * @return true when nothing is
     */
    public boolean awaitNone(Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        synchronized (settled) {
            while (!pending.isEmpty()) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                settled.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }
}
