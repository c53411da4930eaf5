package org.automb.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog behind --help-config: every setting documented once, with its default. */
class SettingsCatalogTest {

    private final SettingsCatalog catalog = new SettingsCatalog(8);

    @Test
    void describeListsEverySettingWithTypeDefaultAndMeaning() {
        String text = catalog.describe();

        for (SettingDef setting : catalog.all()) {
            String line = text.lines().filter(l -> l.strip().startsWith(setting.name() + " ")).findFirst().orElse("");
            assertThat(line).as("line of %s", setting.name()).contains(setting.type())
                .contains("default: " + (setting.defaultValue().isEmpty() ? "(unset)" : setting.defaultValue()));
            assertThat(text).contains(setting.meaning());
        }
        assertThat(text).contains("Booleans accept Y/N, yes/no, true/false, 1/0.");
    }

    @Test
    void theSettingsAutoM4bUsersKnowAreThere() {
        assertThat(catalog.all()).extracting(SettingDef::name).contains("INBOX_FOLDER", "CONVERTED_FOLDER",
            "ARCHIVE_FOLDER", "BACKUP_FOLDER", "FAILED_FOLDER", "WORKING_FOLDER", "ON_COMPLETE", "BACKUP", "CPU_CORES",
            "MAX_PARALLEL_BOOKS", "SLEEP_TIME", "WAIT_TIME", "MATCH_FILTER", "USE_FILENAMES_AS_CHAPTERS", "DEBUG");
    }

    @Test
    void namesAreUniqueAndEveryOneIsDocumented() {
        List<String> names = catalog.all().stream().map(SettingDef::name).toList();

        assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.matches("[A-Z][A-Z0-9_]*"));
        assertThat(catalog.all()).allSatisfy(s -> {
            assertThat(s.type()).isNotBlank();
            assertThat(s.meaning()).isNotBlank();
            assertThat(s.defaultValue()).isNotNull();
        });
    }

    @Test
    void coreCountsDefaultToTheMachine() {
        assertThat(catalog.find("CPU_CORES")).map(SettingDef::defaultValue).hasValue("8");
        assertThat(catalog.find("MAX_PARALLEL_BOOKS")).map(SettingDef::defaultValue).hasValue("8");
        assertThat(new SettingsCatalog(0).find("CPU_CORES")).map(SettingDef::defaultValue).hasValue("1");
    }

    @Test
    void defaultsAreInCatalogOrderAndFindByName() {
        assertThat(catalog.defaults().keySet()).containsExactlyElementsOf(catalog.all().stream().map(SettingDef::name).toList());
        assertThat(catalog.defaults()).containsEntry("ON_COMPLETE", "archive").containsEntry("WAIT_TIME", "5")
            .containsEntry("BACKUP", "N").containsEntry("MATCH_FILTER", "");
        assertThat(catalog.find("NO_SUCH_SETTING")).isEmpty();
    }

    @Test
    void theDefaultsParseAsSettings() {
        Settings settings = Settings.parse(catalog.defaults());

        assertThat(settings.cpuCores()).isEqualTo(8);
        assertThat(settings.onComplete()).isEqualTo(Settings.OnComplete.ARCHIVE);
    }
}
