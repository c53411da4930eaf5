package org.automb.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** SafeNames: names every common system takes. */
class SafeNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "\\", ":", "*", "?", "\"", "<", ">", "|"})
    void noUnsafeCharacterIsLeft(String unsafe) {
        String name = SafeNames.name("a" + unsafe + "b");

        assertThat(name).doesNotContain(unsafe).startsWith("a").endsWith("b");
        assertThat(name.chars()).noneMatch(SafeNames::isUnsafe);
    }

    @Test
    void controlCharactersBecomeOneSpace() {
        StringBuilder all = new StringBuilder("a");
        for (char c = 0; c < 0x20; c++) {
            all.append(c);
        }
        all.append('\u007f').append('\u0085').append("b\u2028c");

        assertThat(SafeNames.name(all.toString())).isEqualTo("a b c");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "Title: Subtitle | Title - Subtitle",
        "12:30 | 12-30",
        "AC/DC | AC-DC",
        "Who? | Who",
        "'Say \"Hi\"' | Say 'Hi'",
        "F*ck <x> | F_ck _x_",
        "'  many   spaces  ' | many spaces"})
    void unsafeCharactersAreReplacedReadably(String in, String out) {
        assertThat(SafeNames.name(in)).isEqualTo(out);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'Mr. Smith.' | Mr. Smith",
        "'Ends with dots...' | Ends with dots",
        "'.hidden' | hidden",
        "' . ' | ''",
        "'..' | ''",
        "'.' | ''",
        "'...' | ''"})
    void noLeadingOrTrailingDotsOrSpaces(String in, String out) {
        assertThat(SafeNames.name(in)).isEqualTo(out == null ? "" : out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CON", "PRN", "AUX", "NUL", "COM1", "COM9", "LPT1", "LPT9", "con", "Nul", "lpt3"})
    void reservedWindowsNamesAreChanged(String reserved) {
        assertThat(SafeNames.name(reserved)).isEqualTo(reserved + "_");
        assertThat(SafeNames.name(reserved + ".m4b")).isEqualTo(reserved + "_.m4b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONSOLE", "Icon", "COM10", "LPT", "NULL", "Aux Tales", "CON-Air"})
    void namesThatOnlyStartLikeAReservedOneStay(String name) {
        assertThat(SafeNames.name(name)).isEqualTo(name);
    }

    @Test
    void namesComeOutInNfc() {
        String nfd = Normalizer.normalize("Émile Zola – Œuvres", Normalizer.Form.NFD);

        assertThat(SafeNames.name(nfd)).isEqualTo("Émile Zola – Œuvres").isNotEqualTo(nfd);
    }
}
