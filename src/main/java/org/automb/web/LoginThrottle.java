package org.automb.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@link #MAX_FAILURES} failed logins from one client address within {@link #WINDOW},
 * that address is refused (HTTP 429) until the oldest of those failures is {@link #WINDOW} old, even with the right
 * password. The address is the connection's: X-Forwarded-For is not trusted, since any client can send it (behind
 * a reverse proxy all clients share the proxy's address, and so one budget).
 */
public final class LoginThrottle {

    /** Failures allowed within {@link #WINDOW}. */
    public static final int MAX_FAILURES = 5;
    /** How far back failures count. */
    public static final Duration WINDOW = Duration.ofMinutes(5);
    // a bound on memory when many addresses fail: the table is cleared of old entries before it grows past this
    private static final int MAX_ADDRESSES = 10_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code address} must still wait; empty when it may try now. */
    public Optional<Duration> blockedFor(String address) {
        Instant now = clock.instant();
        Deque<Instant> recent = failures.get(address);
        if (recent == null) {
            return Optional.empty();
        }
        synchronized (recent) {
            dropOld(recent, now);
            if (recent.size() < MAX_FAILURES) {
                return Optional.empty();
            }
            Duration wait = Duration.between(now, recent.peekFirst().plus(WINDOW));
            return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
        }
    }

    /** Counts a failed login from {@code address}. */
    public void failed(String address) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_ADDRESSES) {
            failures.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    dropOld(entry.getValue(), now);
                    return entry.getValue().isEmpty();
                }
            });
            if (failures.size() >= MAX_ADDRESSES) {
                failures.clear(); // memory first: a flood from that many addresses is beyond what this can slow
            }
        }
        Deque<Instant> recent = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (recent) {
            dropOld(recent, now);
            recent.addLast(now);
            while (recent.size() > MAX_FAILURES) {
                recent.removeFirst();
            }
        }
    }

    /** Forgets the failures of {@code address} (a successful login). */
    public void succeeded(String address) {
        failures.remove(address);
    }

    private static void dropOld(Deque<Instant> recent, Instant now) {
        while (!recent.isEmpty() && !recent.peekFirst().plus(WINDOW).isAfter(now)) {
            recent.removeFirst();
        }
    }
}
