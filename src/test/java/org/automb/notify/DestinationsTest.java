package org.automb.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.automb.config.InvalidSettingsException;
import org.automb.config.NotifySettings;
import org.junit.jupiter.api.Test;

/** The destinations of the settings: every unusable entry one problem line, by position, never the URL. */
class DestinationsTest {

    private static NotifySettings settings(List<String> notifyUrls, List<String> webhookUrls) {
        return new NotifySettings(notifyUrls, false, 4, Duration.ofSeconds(2), Duration.ofSeconds(10), Map.of(),
            webhookUrls, "auto-m4b", "", "", Duration.ofSeconds(60), Optional.empty(), Optional.empty(),
            Optional.empty(), List.of());
    }

    @Test
    void nothingConfiguredIsNoDestinationAndNoProblem() {
        NotifySettings none = settings(List.of(), List.of());
        assertThat(Destinations.problems(none)).isEmpty();
        assertThat(Destinations.from(none).isEmpty()).isTrue();
    }

    @Test
    void everyUnusableEntryIsOneLineNamingItsSettingAndPositionWithoutItsSecrets() {
        NotifySettings bad = settings(List.of("nonsense://SECRET-one-0123456789/x", "bogus://SECRET-two-0123456789"),
            List.of("ftp://SECRET-three-0123456789@example.org/hook"));
        List<String> problems = Destinations.problems(bad);
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("NOTIFY_URLS: URL 1 of 2: ");
        assertThat(problems.get(1)).startsWith("NOTIFY_URLS: URL 2 of 2: ");
        assertThat(problems.get(2)).startsWith("WEBHOOK_URLS: URL 1 of 1: ");
        assertThat(problems).noneMatch(line -> line.contains("SECRET"));
        assertThatThrownBy(() -> Destinations.from(bad)).isInstanceOfSatisfying(InvalidSettingsException.class,
            e -> assertThat(e.problems()).isEqualTo(problems));
    }

    @Test
    void destinationsAreFilteredByWhatTheyWant() {
        Destination all = PostingDestination.to("all", "http://127.0.0.1/a", "token-0123456789");
        Destination failures = PostingDestination.to("failures", "http://127.0.0.1/f", "token-0123456789")
            .wanting(Set.of(EventType.BOOK_FAILED));
        Destinations destinations = Destinations.of(List.of(all, failures));
        assertThat(destinations.wanting(EventType.BOOK_FAILED)).containsExactly(all, failures);
        assertThat(destinations.wanting(EventType.BOOK_CONVERTED)).containsExactly(all);
        assertThat(destinations.toString()).doesNotContain("token");
    }
}
