package org.automb.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.automb.actions.ConversionPause;
import org.automb.config.ConvertWindow;
import org.automb.jobs.store.JobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate over a real SQLite job store: the window, the pause (kept across a reopen of the store) and --once. */
class ConversionGateTest {

    private static final Clock AT_NOON = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);
    private static final Clock AT_TWO = Clock.fixed(Instant.parse("2026-03-10T02:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path root;

    private String url() throws Exception {
        return JobStore.defaultUrl(Files.createDirectories(root.resolve("config")));
    }

    @Test
    void outsideTheWindowBooksWaitAndTheReasonSaysWhenItOpens() throws Exception {
        var window = ConvertWindow.parse("01:00-07:00", ZoneOffset.UTC);
        try (JobStore store = JobStore.open(url(), AT_NOON)) {
            assertThat(new ConversionGate(window, store, AT_NOON, true).closedBecause())
                .contains("outside CONVERT_SCHEDULE 01:00-07:00 (opens 2026-03-11 01:00)");
            assertThat(new ConversionGate(window, store, AT_TWO, true).closedBecause()).isEmpty();
            assertThat(new ConversionGate(window, store, AT_NOON, false).closedBecause())
                .as("--once without --respect-schedule").isEmpty();
            assertThat(new ConversionGate(Optional.empty(), store, AT_NOON, true).closedBecause()).isEmpty();
        }
    }

    @Test
    void theHoldNamesThePauseAndTheWindowEachOnItsOwn() throws Exception {
        var window = ConvertWindow.parse("01:00-07:00", ZoneOffset.UTC);
        try (JobStore store = JobStore.open(url(), AT_NOON)) {
            ConversionGate.Hold outside = new ConversionGate(window, store, AT_NOON, true).hold();
            assertThat(outside.held()).isTrue();
            assertThat(outside.reason()).contains(ConversionGate.Reason.OUTSIDE_SCHEDULE);
            assertThat(outside.opensAt()).isEqualTo(Instant.parse("2026-03-11T01:00:00Z"));
            assertThat(outside.closesAt()).isNull();

            ConversionGate.Hold inside = new ConversionGate(window, store, AT_TWO, true).hold();
            assertThat(inside.held()).isFalse();
            assertThat(inside.reason()).isEmpty();
            assertThat(inside.closesAt()).isEqualTo(Instant.parse("2026-03-10T07:00:00Z"));

            store.pause().pause(AT_NOON.instant(), "alice");
            ConversionGate.Hold both = new ConversionGate(window, store, AT_NOON, true).hold();
            assertThat(both.reason()).as("the pause first").contains(ConversionGate.Reason.PAUSED);
            assertThat(both.outsideWindow()).isTrue();
            assertThat(both.pause().actor()).isEqualTo("alice");
            assertThat(ConversionGate.Reason.OUTSIDE_SCHEDULE.code()).isEqualTo("outside_schedule");

            ConversionGate.Hold once = new ConversionGate(window, store, AT_NOON, false).hold();
            assertThat(once.held()).as("--once without --respect-schedule").isFalse();
            assertThat(once.pause().paused()).isFalse();
        }
    }

    @Test
    void aPauseIsAuditedAndOutlivesAReopenOfTheStore() throws Exception {
        int[] passes = {0};
        try (JobStore store = JobStore.open(url(), AT_TWO)) {
            ConversionPause pause = new ConversionPause(store, AT_TWO, () -> passes[0]++);
            assertThat(pause.paused()).isFalse();
            assertThat(pause.pause("alice").actor()).isEqualTo("alice");
            assertThat(pause.pause("bob").actor()).as("the first pause is kept").isEqualTo("alice");
            assertThat(new ConversionGate(Optional.empty(), store, AT_TWO, true).closedBecause())
                .contains("conversion paused by alice");
        }
        try (JobStore store = JobStore.open(url(), AT_TWO)) {
            ConversionPause pause = new ConversionPause(store, AT_TWO, () -> passes[0]++);
            assertThat(pause.paused()).as("after a restart").isTrue();
            assertThat(pause.state().since()).isEqualTo(AT_TWO.instant());
            assertThat(pause.resume("carol").paused()).isFalse();
            assertThat(passes[0]).as("a resume asks for an inbox pass").isEqualTo(1);
            assertThat(pause.resume("carol").paused()).isFalse();
            assertThat(passes[0]).as("nothing to resume: no pass").isEqualTo(1);
            assertThat(store.audit().page(0, 10)).extracting(e -> e.actor() + " " + e.action() + " " + e.result())
                .containsExactly("carol resume not paused", "carol resume resumed", "bob pause already paused",
                    "alice pause paused");
        }
    }
}
