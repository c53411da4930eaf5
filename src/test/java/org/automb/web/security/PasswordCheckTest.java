package org.automb.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.automb.web.ApiKeyStore;
import org.automb.web.PasswordCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordCheckTest {

    @TempDir
    Path config;

    private ApiKeyStore key() {
        return ApiKeyStore.load("the-api-key-0123456789", config, notice -> { });
    }

    @Test
    void aPlainPasswordIsHashedAndChecked() {
        PasswordCheck check = PasswordCheck.of("admin", "correct horse", key());

        assertThat(check.source()).isEqualTo(PasswordCheck.Source.PLAIN);
        assertThat(check.verify("admin", "correct horse")).isTrue();
        assertThat(check.verify("admin", "correct horsE")).isFalse();
        assertThat(check.verify("Admin", "correct horse")).as("the user name counts too").isFalse();
        assertThat(check.verify("admin", "the-api-key-0123456789")).as("the key is no password then").isFalse();
        assertThat(check.verify(null, "correct horse")).isFalse();
        assertThat(check.toString()).doesNotContain("correct horse");
    }

    @Test
    void aBcryptHashIsUsedAsItIsWhateverItsVariant() {
        for (BCrypt.Version version : new BCrypt.Version[] {BCrypt.Version.VERSION_2A, BCrypt.Version.VERSION_2B,
                BCrypt.Version.VERSION_2Y}) {
            String hash = new String(BCrypt.with(version).hash(4, "hashed elsewhere".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
            assertThat(PasswordCheck.isBcryptHash(hash)).as(hash).isTrue();
            PasswordCheck check = PasswordCheck.of("admin", hash, key());

            assertThat(check.source()).isEqualTo(PasswordCheck.Source.HASH);
            assertThat(check.verify("admin", "hashed elsewhere")).as(hash).isTrue();
            assertThat(check.verify("admin", hash)).as("the hash itself is not the password").isFalse();
        }
    }

    @Test
    void anEmptyPasswordMakesTheApiKeyThePassword() {
        PasswordCheck check = PasswordCheck.of("admin", "", key());

        assertThat(check.source()).isEqualTo(PasswordCheck.Source.API_KEY);
        assertThat(check.verify("admin", "the-api-key-0123456789")).isTrue();
        assertThat(check.verify("admin", "")).isFalse();
    }

    @Test
    void somethingThatOnlyLooksLikeAHashIsAPlainPassword() {
        assertThat(PasswordCheck.isBcryptHash("$2a$10$tooShort")).isFalse();
        PasswordCheck check = PasswordCheck.of("admin", "$2a$10$tooShort", key());
        assertThat(check.source()).isEqualTo(PasswordCheck.Source.PLAIN);
        assertThat(check.verify("admin", "$2a$10$tooShort")).isTrue();
    }
}
