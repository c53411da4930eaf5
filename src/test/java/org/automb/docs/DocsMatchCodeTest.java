package org.automb.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.automb.config.SettingDef;
import org.automb.config.SettingsCatalog;
import org.junit.jupiter.api.Test;

/** Keeps the README, docs/ and application.properties true to the code. */
class DocsMatchCodeTest {

    private final SettingsCatalog catalog = new SettingsCatalog(2);

    @Test
    void everySettingIsDocumentedAndHasALineInApplicationProperties() throws Exception {
        String docs = Files.readString(Path.of("docs/configuration.md"));
        List<String> properties = Files.readAllLines(Path.of("application.properties"));
        for (SettingDef def : catalog.all()) {
            assertThat(docs).as("docs/configuration.md documents " + def.name()).contains("`" + def.name() + "`");
            assertThat(properties).as("application.properties sets " + def.name()).anyMatch(l -> l.startsWith(def.name() + "="));
        }
    }

    @Test
    void everyExitCodeIsInTheTableOfDocsConfiguration() throws Exception {
        String docs = Files.readString(Path.of("docs/configuration.md"));
        for (var field : org.automb.app.AutoM4bCommand.class.getFields()) {
            if (field.getName().startsWith("EXIT_")) {
                assertThat(docs).as("docs/configuration.md's exit code table has " + field.getName())
                    .contains("\n| " + field.getInt(null) + " | ");
            }
        }
    }

    @Test
    void readmeSetUpSectionHoldsExactlyTwoCommands() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String setUp = readme.substring(readme.indexOf("## Set up"), readme.indexOf("##", readme.indexOf("## Set up") + 3));
        String block = setUp.substring(setUp.indexOf("```sh") + 5, setUp.indexOf("```", setUp.indexOf("```sh") + 5));
        List<String> commands = Arrays.stream(block.split("\n")).filter(l -> !l.isBlank()).toList();
        assertThat(commands).containsExactly("mvn -B -q package -DskipTests && bin/auto-m4b", "mvn -B verify");
        assertThat(Files.readString(Path.of(".ci/run"))).contains("mvn -B verify");
    }

    @Test
    void everyRouteHasAStableIdAndAComment() throws Exception {
        try (var files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).trim().equals("- route:")) {
                        assertThat(lines.get(i - 1).trim()).as(file + ": comment above the route at line " + (i + 1)).startsWith("#");
                        assertThat(lines.get(i + 1).trim()).as(file + ": id of the route at line " + (i + 1)).matches("id: [a-z]+(-[a-z]+)*");
                    }
                }
            }
        }
    }
}
