package org.automb.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** docs/configuration.md's settings table is exactly what the catalog behind --help-config generates. */
class ConfigurationTableTest {

    @Test
    void docsConfigurationHoldsTheTableGeneratedFromTheCatalog() throws Exception {
        String document = Files.readString(ConfigurationTable.DOC);
        String generated = ConfigurationTable.render();
        String inFile = document.substring(document.indexOf(ConfigurationTable.BEGIN),
            document.indexOf(ConfigurationTable.END) + ConfigurationTable.END.length());
        assertThat(inFile)
            .as("docs/configuration.md's settings table differs from config.SettingsCatalog; regenerate it with: "
                + "mvn -B -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.mainClass=org.automb.docs.ConfigurationTable -Dexec.classpathScope=test")
            .isEqualTo(generated);
    }

    @Test
    void onlyThePartBetweenTheMarkersIsReplaced() {
        String document = "# Title\n\nprose\n\n" + ConfigurationTable.BEGIN + "\nold\n" + ConfigurationTable.END + "\n\nmore prose\n";
        String table = ConfigurationTable.BEGIN + "\nnew\n" + ConfigurationTable.END;
        assertThat(ConfigurationTable.withTable(document, table)).isEqualTo("# Title\n\nprose\n\n" + table + "\n\nmore prose\n");
        assertThatThrownBy(() -> ConfigurationTable.withTable("no markers", table)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theTableEscapesWhatMarkdownWouldMisread() {
        String table = ConfigurationTable.render();
        assertThat(table).contains("| `ON_COMPLETE` | archive\\|delete\\|test_do_nothing | `archive` |")
            .contains("| `CPU_CORES` | integer 1..256 | number of cores |")
            .contains("\\<CONVERTED_FOLDER>/\\<key>/\\<name>.m4b");
        // every row has exactly four cells once escaped bars are set aside
        table.lines().filter(l -> l.startsWith("| `")).forEach(row ->
            assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).as(row).isEqualTo(5));
    }
}
