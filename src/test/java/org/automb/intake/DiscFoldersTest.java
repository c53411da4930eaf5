package org.automb.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DiscFoldersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Disc 1|1", "CD2|2", "Disc 3 of 4|3", "Book - Disc 5|5", "disk 10|10", "DISC #7|7", "cd 08|8",
            "Book_CD3|3", "Disc12 - Epilogue|12"})
    void readsTheDiscNumber(String name, int number) {
        assertThat(DiscFolders.discNumber(name)).hasValue(number);
        assertThat(DiscFolders.isDiscFolder(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Book 2", "Vol. 3", "01 - Title", "Discworld 1", "ABCD 2", "Discs", "Disc", "Extras",
            "Disc 99999999999999"})
    void otherNamesAreNotDiscs(String name) {
        assertThat(DiscFolders.discNumber(name)).isEmpty();
    }
}
