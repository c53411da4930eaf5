package org.automb.status;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JobIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"Author/Title", "Ünïcødé – Bøøk/Part 1", "a", "book with spaces?&#", "日本語/本",
        "../x", "/etc/passwd"})
    void anIdTurnsBackIntoItsKey(String key) {
        String id = JobIds.idOf(key);

        assertThat(id).matches("[A-Za-z0-9_-]+");
        assertThat(JobIds.keyOf(id)).contains(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "..%2Fx", "%2e%2e", "%2e%2e%2f", "/etc/passwd", "..", "a/b", "x=", "QQ==", "QQ=",
        "A", "!!!!", "a b", "", "QR", "/", "\\", "ab+c", "ab/c"})
    void anythingButAnIdIsNoKey(String id) {
        assertThat(JobIds.keyOf(id)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aSecondSpellingOfAnIdIsRefused() {
        // "QR" decodes to the same byte as "QQ" but with stray low bits: only the canonical spelling is an id
        assertThat(JobIds.keyOf("QQ")).contains("A");
        assertThat(JobIds.keyOf("QR")).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void bytesThatAreNotUtf8AreNoKey() {
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[]{(byte) 0xC3, (byte) 0x28});

        assertThat(JobIds.keyOf(id)).isEmpty();
        assertThat(JobIds.keyOf(null)).isEqualTo(Optional.empty());
        assertThat(new String(new byte[]{65}, StandardCharsets.UTF_8)).isEqualTo("A");
    }
}
