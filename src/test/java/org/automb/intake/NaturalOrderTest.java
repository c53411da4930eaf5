package org.automb.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

    private final NaturalOrder order = new NaturalOrder();

    @Test
    void numbersCompareByValueAndLettersIgnoreCase() {
        List<String> names = new ArrayList<>(List.of("track 10.mp3", "Track 2.mp3", "track 1.mp3", "B.mp3", "a.mp3"));

        names.sort(order);

        assertThat(names).containsExactly("a.mp3", "B.mp3", "track 1.mp3", "Track 2.mp3", "track 10.mp3");
    }

    @Test
    void leadingZerosAndLongNumbersWork() {
        assertThat(order.compare("01", "1")).isNotZero();
        assertThat(order.compare("002", "10")).isNegative();
        assertThat(order.compare("99999999999999999999", "100000000000000000000")).isNegative();
    }

    @Test
    void prefixComesFirst() {
        assertThat(order.compare("Part", "Part 2")).isNegative();
        assertThat(order.compare("Part 2", "Part")).isPositive();
    }

    @Test
    void isATotalOrder() {
        assertThat(order.compare("Track 1", "track 1")).isNotZero();
        assertThat(order.compare("same", "same")).isZero();
    }

    @Test
    void pathsCompareElementByElement() {
        List<Path> paths = new ArrayList<>(List.of(Path.of("Part 10/01.mp3"), Path.of("Part 2/10.mp3"),
                Path.of("Part 2/9.mp3"), Path.of("intro.mp3")));

        paths.sort(order.forPaths());

        assertThat(paths).containsExactly(Path.of("intro.mp3"), Path.of("Part 2/9.mp3"), Path.of("Part 2/10.mp3"),
                Path.of("Part 10/01.mp3"));
    }
}
