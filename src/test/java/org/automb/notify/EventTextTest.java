package org.automb.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventTextTest {

    @Test
    void peopleAreSplitOnTheUsualSeparatorsButALastNameFirstStaysOnePerson() {
        assertThat(EventText.people("Ann Leckie & Bob Smith")).containsExactly("Ann Leckie", "Bob Smith");
        assertThat(EventText.people("Ann Leckie; Bob Smith/Cy Twombly")).containsExactly("Ann Leckie", "Bob Smith", "Cy Twombly");
        assertThat(EventText.people("Ann Leckie and Bob Smith")).containsExactly("Ann Leckie", "Bob Smith");
        assertThat(EventText.people("Ann Leckie, Bob Smith")).containsExactly("Ann Leckie", "Bob Smith");
        assertThat(EventText.people("Tolkien, J.R.R.")).containsExactly("Tolkien, J.R.R.");
        assertThat(EventText.people("Andy Weir")).containsExactly("Andy Weir");
        assertThat(EventText.people("Andy Weir & Andy Weir")).containsExactly("Andy Weir");
        assertThat(EventText.people("  ")).isEmpty();
        assertThat(EventText.people(null)).isEmpty();
    }

    @Test
    void durationsSizesAndTimesReadAsAPersonReadsThem() {
        assertThat(EventText.duration(Duration.ofSeconds(9))).isEqualTo("9 s");
        assertThat(EventText.duration(Duration.ofSeconds(724))).isEqualTo("12 min 04 s");
        assertThat(EventText.duration(Duration.ofMinutes(303))).isEqualTo("5 h 03 min");
        assertThat(EventText.size(12)).isEqualTo("12 bytes");
        assertThat(EventText.size(800_000)).isEqualTo("800 KB");
        assertThat(EventText.size(312_400_000)).isEqualTo("312.4 MB");
        assertThat(EventText.size(1_200_000_000L)).isEqualTo("1.2 GB");
        assertThat(EventText.time(Instant.parse("2026-12-05T21:03:04Z"), ZoneOffset.UTC)).isEqualTo("2026-12-05 21:03:04");
        assertThat(EventText.firstLine("book 'x': bad\n    ffmpeg said no")).isEqualTo("book 'x': bad");
    }
}
