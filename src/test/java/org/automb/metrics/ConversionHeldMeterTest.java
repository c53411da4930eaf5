package org.automb.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.automb.config.ConvertWindow;
import org.automb.jobs.ConversionGate;
import org.automb.jobs.store.JobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** automb_conversion_held from the gate over a real job store: each reason 1 while it holds. */
class ConversionHeldMeterTest {

    private static final Clock NOON = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path config;

    @Test
    void eachReasonIsOneWhileItHolds() {
        try (JobStore store = JobStore.open(JobStore.defaultUrl(config), NOON)) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            ConversionGate gate = new ConversionGate(ConvertWindow.parse("01:00-07:00", ZoneOffset.UTC), store, NOON, true);
            new ConversionHeldMeter(gate).bindTo(registry);

            assertThat(held(registry, "outside_schedule")).isEqualTo(1);
            assertThat(held(registry, "paused")).isZero();
            store.pause().pause(NOON.instant(), "alice");
            assertThat(held(registry, "paused")).isEqualTo(1);
            assertThat(held(registry, "outside_schedule")).as("both hold").isEqualTo(1);
            store.pause().resume();
            assertThat(held(registry, "paused")).isZero();
        }
    }

    private static double held(SimpleMeterRegistry registry, String reason) {
        return registry.get("automb.conversion.held").tag("reason", reason).gauge().value();
    }
}
