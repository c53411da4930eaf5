package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.automb.app.AutoM4bCommand;
import org.automb.plugins.PluginJars;
import org.automb.testing.PluginJarBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plugin jars in CONFIG_FOLDER/plugins (docs/plugins.md) through the real command, each run in its own JVM: the worked
 * example is accepted by --validate and used by --once; a jar that cannot be used is refused by both with exit code
 * 2 and one line naming the jar and the reason, no stack trace: a file that is not a jar, before anything starts; a
 * plugin whose bean throws, as the service binds it.
 */
class PluginJarStartTest {

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    private Path jar(String name) {
        return new PluginJars(harness.config()).folder().resolve(name);
    }

    @Test
    void theWorkedExampleIsAcceptedByValidateAndUsedByOnce() throws Exception {
        org.automb.testing.ShelfPluginExample example = org.automb.testing.ShelfPluginExample.fromDocs();
        example.buildJar(jar("shelf.jar"));
        Path routes = Files.createDirectories(harness.config().resolve("routes"));
        Files.writeString(routes.resolve("shelf.yaml"), example.routeFile());
        harness.dropMp3Book(org.automb.testing.TestAudio.bundled(), "Quiet Book", 2.0);

        ServiceProcess validate = harness.start("validate", "--validate");
        ServiceProcess once = harness.start("once", "--once");
        assertThat(validate.awaitExit(Duration.ofSeconds(90))).as("--validate; log: %s", validate.log())
            .isEqualTo(AutoM4bCommand.EXIT_OK);
        assertThat(once.awaitExit(Duration.ofSeconds(120))).as("--once; log: %s", once.log()).isEqualTo(AutoM4bCommand.EXIT_OK);

        Path intake = harness.converted().resolve("Quiet Book").resolve("intake.json");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(intake.toFile())
            .path("plugins").path("shelf").asText()).isEqualTo("Q");
    }

    @Test
    void aFileThatIsNotAJarIsRefusedWithItsName() throws Exception {
        Path jar = jar("shelf.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "a text file named .jar");

        assertRefused("problem: plugin jar " + jar + ": not a jar (zip) file");
    }

    @Test
    void aPluginWhoseBeanThrowsIsRefusedWithItsJarsName() throws Exception {
        Path jar = new PluginJarBuilder().source("""
                package com.example.bad;

                import org.apache.camel.BindToRegistry;
                import org.apache.camel.CamelConfiguration;

                public class Bad implements CamelConfiguration {
                    @BindToRegistry("bad")
                    public Object bad() {
                        throw new IllegalStateException("no licence key");
                    }
                }
                """)
            .resource(PluginJars.CONFIGURATIONS, "com.example.bad.Bad\n")
            .build(jar("bad.jar"));

        assertRefused("problem: plugin jar " + jar + ": com.example.bad.Bad failed: ");
    }

    private void assertRefused(String problem) throws Exception {
        ServiceProcess once = harness.start("once", "--once");
        ServiceProcess validate = harness.start("validate", "--validate");
        assertThat(once.awaitExit(Duration.ofSeconds(90))).as("--once; log: %s", once.log()).isEqualTo(AutoM4bCommand.EXIT_CONFIG);
        assertThat(validate.awaitExit(Duration.ofSeconds(90))).as("--validate; log: %s", validate.log())
            .isEqualTo(AutoM4bCommand.EXIT_CONFIG);
        for (ServiceProcess process : List.of(once, validate)) {
            assertThat(process.log().lines()).as("%s names the jar and the reason", process.name())
                .anyMatch(line -> line.startsWith(problem));
            assertThat(process.log()).as("no stack trace from %s", process.name()).doesNotContain("\tat ");
        }
    }
}
