package org.automb.notify;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Settled deliveries since the start, counted per destination (kind and masked label) and outcome ({@code sent},
 * {@code failed}, {@code dropped}), in memory: what metrics read. Thread-safe.
 */
public final class NotificationCounters {

    /**
     * One counter's name.
     *
     * @param kind    the destination's kind ({@code discord}, {@code webhook}...)
     * @param label   its masked label
     * @param outcome {@code sent}, {@code failed} (given up) or {@code dropped} (the queue was full)
     */
    public record Key(String kind, String label, String outcome) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            return (kind + '\0' + label + '\0' + outcome).compareTo(other.kind + '\0' + other.label + '\0' + other.outcome);
        }
    }

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

    /** One more delivery to {@code destination} ended with {@code outcome}. */
    public void count(Destination destination, String outcome) {
        counts.computeIfAbsent(new Key(destination.kind(), destination.label(), outcome), key -> new LongAdder()).increment();
    }

    /** Every counter, sorted by kind, label and outcome. */
    public Map<Key, Long> counts() {
        Map<Key, Long> copy = new TreeMap<>();
        counts.forEach((key, adder) -> copy.put(key, adder.sum()));
        return copy;
    }

    /** The deliveries of this kind with this outcome, over all destinations of the kind. */
    public long count(String kind, String outcome) {
        return counts.entrySet().stream()
            .filter(entry -> entry.getKey().kind().equals(kind) && entry.getKey().outcome().equals(outcome))
            .mapToLong(entry -> entry.getValue().sum()).sum();
    }
}
