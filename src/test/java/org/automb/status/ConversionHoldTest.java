package org.automb.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.automb.config.Settings;
import org.automb.config.SettingsCatalog;
import org.automb.jobs.store.JobStore;
import org.automb.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status document's {@code conversion} block and its {@code --status} line, over a real SQLite store: the
 * CONVERT_SCHEDULE window read from the settings and the pause from the store, as {@code --status} reads them.
 */
class ConversionHoldTest {

    private static final Instant NOON = Instant.parse("2026-03-10T12:00:00Z");

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(NOON);
    private JobStore store;

    @BeforeEach
    void open() {
        store = JobStore.open(JobStore.defaultUrl(root.resolve("config")), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private StatusService status(String schedule) {
        Map<String, String> raw = new HashMap<>(new SettingsCatalog(2).defaults());
        for (String folder : List.of("INBOX", "CONVERTED", "ARCHIVE", "FAILED", "WORKING", "CONFIG")) {
            raw.put(folder + "_FOLDER", root.resolve(folder.toLowerCase()).toString());
        }
        raw.put("CONVERT_SCHEDULE", schedule);
        return new StatusService(store, Settings.parse(raw), clock, "9.9.9");
    }

    private List<String> text(StatusDocument document) {
        return new StatusText(ZoneOffset.UTC).render(document, clock.instant());
    }

    @Test
    void outsideTheWindowConversionIsHeldUntilItOpens() throws Exception {
        StatusDocument document = status("01:00-07:00").status();

        assertThat(document.conversion()).isEqualTo(new ConversionHold(true, "outside_schedule", null, null,
            "01:00-07:00", true, Instant.parse("2026-03-11T01:00:00Z"), null));
        assertThat(text(document)).contains("conversions held: outside CONVERT_SCHEDULE 01:00-07:00, opens 2026-03-11 01:00");
        JsonNode json = StatusJson.mapper().valueToTree(document).get("conversion");
        assertThat(json.get("held").asBoolean()).isTrue();
        assertThat(json.get("reason").asText()).isEqualTo("outside_schedule");
        assertThat(json.get("opensAt").asText()).isEqualTo("2026-03-11T01:00:00Z");
        assertThat(json.get("pausedSince").isNull()).as("nulls are written out").isTrue();
    }

    @Test
    void insideTheWindowNothingIsHeldAndTheLineSaysWhenItCloses() {
        clock.advance(Duration.ofHours(-10)); // 02:00

        StatusDocument document = status("01:00-07:00").status();

        assertThat(document.conversion()).isEqualTo(new ConversionHold(false, null, null, null, "01:00-07:00", false,
            null, Instant.parse("2026-03-10T07:00:00Z")));
        assertThat(text(document)).contains("conversions: within CONVERT_SCHEDULE 01:00-07:00, closes 2026-03-10 07:00")
            .noneMatch(line -> line.startsWith("conversions held"));
    }

    @Test
    void aPauseHoldsFirstAndTheLineNamesBothHolds() {
        store.pause().pause(NOON.minus(Duration.ofMinutes(30)), "alice");

        StatusDocument document = status("01:00-07:00").status();

        assertThat(document.conversion().held()).isTrue();
        assertThat(document.conversion().reason()).isEqualTo("paused");
        assertThat(document.conversion().pausedSince()).isEqualTo(NOON.minus(Duration.ofMinutes(30)));
        assertThat(document.conversion().pausedBy()).isEqualTo("alice");
        assertThat(document.conversion().outsideSchedule()).isTrue();
        assertThat(text(document)).contains("conversions held: paused since 2026-03-10 11:30 by alice;"
            + " outside CONVERT_SCHEDULE 01:00-07:00, opens 2026-03-11 01:00");

        store.pause().resume();
        assertThat(status("").status().conversion()).as("resumed, no window")
            .isEqualTo(new ConversionHold(false, null, null, null, null, false, null, null));
    }

    @Test
    void withoutAWindowOrAPauseTheStatusHasNoLineForIt() {
        StatusDocument document = status("").status();

        assertThat(document.conversion().held()).isFalse();
        assertThat(text(document)).noneMatch(line -> line.startsWith("conversions"));

        store.pause().pause(NOON, "api-key");
        assertThat(text(status("").status())).contains("conversions held: paused since 2026-03-10 12:00 by api-key");
    }
}
