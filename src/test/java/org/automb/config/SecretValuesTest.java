package org.automb.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretValuesTest {

    private final SettingsCatalog catalog = new SettingsCatalog(4);

    @Test
    void theCredentialSettingsAreFlaggedSecretInTheCatalog() {
        assertThat(catalog.all().stream().filter(SettingDef::secret).map(SettingDef::name))
            .containsExactlyInAnyOrder("API_KEY", "AUTH_PASSWORD", "NOTIFY_URLS", "WEBHOOK_URLS", "ABS_TOKEN",
                "PLEX_TOKEN", "JELLYFIN_API_KEY");
    }

    @Test
    void everySettingNamedLikeASecretIsFlaggedSoTheFlagStaysTrue() {
        // the name rule masks them anyway; this keeps the catalog's flag, which docs may show, honest
        assertThat(catalog.all()).filteredOn(SecretValues::isSecret).allMatch(SettingDef::secret);
    }

    @Test
    void aSecretIsShownOnlyAsSetOrUnset() {
        SettingDef token = catalog.find("PLEX_TOKEN").orElseThrow();
        assertThat(SecretValues.shown(token, "abcDEF123")).isEqualTo("*** (set)").doesNotContain("abc");
        assertThat(SecretValues.shown(token, "")).isEqualTo("(unset)");
    }

    @Test
    void aSettingAddedLaterWithASecretNameIsMaskedWithoutTheFlag() {
        SettingDef forgotten = new SettingDef("AUDIBLE_CLIENT_SECRET", "text", "", "a setting someone adds later");
        assertThat(SecretValues.shown(forgotten, "hunter2")).doesNotContain("hunter2");
    }

    @Test
    void credentialsInOtherwisePlainUrlsAreMasked() {
        SettingDef database = catalog.find("DATABASE_URL").orElseThrow();
        for (String url : List.of("jdbc:postgresql://db.lan:5432/automb?user=automb&password=hunter2",
                "jdbc:postgresql://automb:hunter2@db.lan/automb", "https://abs.lan/api?token=hunter2&x=1",
                "jdbc:sqlserver://db;user=a;password=hunter2")) {
            String shown = SecretValues.shown(database, url);
            assertThat(shown).as(url).doesNotContain("hunter2").contains(SecretValues.MASK);
        }
        assertThat(SecretValues.shown(database, "jdbc:postgresql://db.lan:5432/automb?user=automb&password=hunter2"))
            .isEqualTo("jdbc:postgresql://db.lan:5432/automb?user=automb&password=***");
        assertThat(SecretValues.shown(catalog.find("INBOX_FOLDER").orElseThrow(), "/data/in"))
            .isEqualTo("/data/in");
    }
}
