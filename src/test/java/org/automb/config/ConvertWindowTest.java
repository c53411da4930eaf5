package org.automb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ConvertWindowTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    private static Instant at(String localTime) {
        return LocalDateTime.parse("2026-03-10T" + localTime).toInstant(ZoneOffset.UTC);
    }

    private static ConvertWindow window(String setting) {
        return ConvertWindow.parse(setting, UTC).orElseThrow();
    }

    @Test
    void emptyMeansAnyTime() {
        assertThat(ConvertWindow.parse("", UTC)).isEmpty();
        assertThat(ConvertWindow.parse("  ", UTC)).isEmpty();
    }

    @Test
    void simpleWindowWithinADay() {
        ConvertWindow window = window("01:00-07:00");
        assertThat(window.isOpen(at("00:59:59"))).isFalse();
        assertThat(window.isOpen(at("01:00:00"))).isTrue();
        assertThat(window.isOpen(at("06:59:59"))).isTrue();
        assertThat(window.isOpen(at("07:00:00"))).isFalse();
        assertThat(window.isOpen(at("12:00:00"))).isFalse();
        assertThat(window.nextOpening(at("12:00:00"))).contains(at("01:00:00").plusSeconds(86_400));
    }

    @Test
    void simpleWindowAcrossMidnight() {
        ConvertWindow window = window("23:30-6:15");
        assertThat(window.isOpen(at("23:29:00"))).isFalse();
        assertThat(window.isOpen(at("23:30:00"))).isTrue();
        assertThat(window.isOpen(at("00:00:00"))).isTrue();
        assertThat(window.isOpen(at("06:14:59"))).isTrue();
        assertThat(window.isOpen(at("06:15:00"))).isFalse();
        assertThat(window.isOpen(at("12:00:00"))).isFalse();
    }

    @Test
    void cronPairUsesQuartzSyntaxAndCanSkipDays() {
        // weekdays only, 01:00 to 07:00; 2026-03-14 is a Saturday
        ConvertWindow window = window("0 0 1 ? * MON-FRI to 0 0 7 ? * MON-FRI");
        assertThat(window.isOpen(at("02:00:00"))).isTrue();
        assertThat(window.isOpen(at("08:00:00"))).isFalse();
        assertThat(window.isOpen(LocalDateTime.parse("2026-03-14T02:00:00").toInstant(ZoneOffset.UTC))).isFalse();
    }

    @Test
    void theZoneDecidesTheLocalTime() {
        ConvertWindow berlin = ConvertWindow.parse("01:00-07:00", ZoneId.of("Europe/Berlin")).orElseThrow();
        // 01:30 UTC is 02:30 in Berlin (winter time)
        assertThat(berlin.isOpen(at("01:30:00"))).isTrue();
        assertThat(berlin.isOpen(at("06:30:00"))).isFalse();
    }

    @Test
    void aBadCronIsOneLineNamingTheSetting() {
        assertThatThrownBy(() -> ConvertWindow.parse("0 0 25 * * ? to 0 0 7 * * ?", UTC))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("CONVERT_SCHEDULE=0 0 25 * * ? to 0 0 7 * * ?: '0 0 25 * * ?' is not a Quartz cron")
            .message().doesNotContain("\n");
        assertThatThrownBy(() -> ConvertWindow.parse("nightly", UTC))
            .hasMessageStartingWith("CONVERT_SCHEDULE=nightly must be a window such as 01:00-07:00");
        assertThatThrownBy(() -> ConvertWindow.parse("02:00-02:00", UTC))
            .hasMessageContaining("opens and closes at the same minute");
    }

    @Test
    void settingsRefuseABadCronAtStart() {
        assertThat(SettingsTest.problemsOf("CONVERT_SCHEDULE", "0 0 1 * * ? to 0 0 25 * * ?").problems())
            .singleElement().asString().startsWith("CONVERT_SCHEDULE=");
        assertThat(SettingsTest.problemsOf("CONVERT_SCHEDULE", "1am-7am").problems())
            .singleElement().asString().startsWith("CONVERT_SCHEDULE=1am-7am must be a window");
    }
}
