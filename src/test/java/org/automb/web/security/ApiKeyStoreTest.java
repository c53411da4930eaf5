package org.automb.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.automb.web.ApiKeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyStoreTest {

    @TempDir
    Path config;

    @Test
    void generatesAKeyOnceOwnerOnlyAndKeepsIt() throws Exception {
        List<String> notices = new ArrayList<>();
        ApiKeyStore first = ApiKeyStore.load("", config, notices::add);

        Path file = config.resolve("api-key");
        String key = Files.readString(file).strip();
        assertThat(key).matches("[A-Za-z0-9_-]{43}"); // 32 bytes, base64url without padding
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.matches(key)).isTrue();
        assertThat(first.matches(key + "x")).isFalse();
        assertThat(first.matches("")).isFalse();
        assertThat(first.matches(null)).isFalse();
        assertThat(notices).as("printed once, when made").singleElement().asString().contains(file.toString()).contains(key);
        assertThat(first.toString()).doesNotContain(key);

        ApiKeyStore again = ApiKeyStore.load("", config, notices::add);
        assertThat(again.matches(key)).as("the kept key, not a new one").isTrue();
        assertThat(notices).as("told only when generated").hasSize(1);
        assertThat(Files.list(config)).containsExactly(file);
    }

    @Test
    void aConfiguredKeyWinsAndNoFileIsWritten() {
        ApiKeyStore store = ApiKeyStore.load("configured-key-0123456789", config, notice -> { });

        assertThat(store.matches("configured-key-0123456789")).isTrue();
        assertThat(store.source()).isEqualTo("API_KEY");
        assertThat(config.resolve("api-key")).doesNotExist();
    }

    @Test
    void anEmptyKeyFileIsAProblemNamingTheFile() throws Exception {
        Files.writeString(config.resolve("api-key"), "\n");

        assertThatThrownBy(() -> ApiKeyStore.load("", config, notice -> { }))
            .isInstanceOf(UncheckedIOException.class).hasMessageContaining(config.resolve("api-key").toString())
            .hasMessageContaining("empty");
    }
}
