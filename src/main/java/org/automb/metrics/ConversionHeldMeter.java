package org.automb.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Predicate;
import org.automb.jobs.ConversionGate;

/**
 * {@code automb_conversion_held{reason="paused"|"outside_schedule"}}: 1 while that reason holds new books back, else
 * 0; each reason on its own (a pause outside the window is 1 for both), read from the gate the inbox scan asks, as the
 * status document's {@code conversion} shows it. Books held back are {@code automb_queue_books{state="waiting"}}.
 */
public record ConversionHeldMeter(ConversionGate gate) implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry meters) {
        register(meters, ConversionGate.Reason.PAUSED, hold -> hold.pause().paused());
        register(meters, ConversionGate.Reason.OUTSIDE_SCHEDULE, ConversionGate.Hold::outsideWindow);
    }

    private void register(MeterRegistry meters, ConversionGate.Reason reason, Predicate<ConversionGate.Hold> holds) {
        // the gate is a registry bean: it outlives the gauge's weak reference
        Gauge.builder("automb.conversion.held", gate, g -> holds.test(g.hold()) ? 1 : 0)
            .description("1 while new books are held back for this reason (pause, outside CONVERT_SCHEDULE), else 0")
            .tag("reason", reason.code()).register(meters);
    }
}
