package org.automb.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.DeliveryRecord;
import org.automb.testing.PipelineTestSupport;
import org.automb.testing.PluginJarBuilder;
import org.junit.jupiter.api.Test;

/**
 * docs/plugins.md's worked Java plugin, taken from the page itself (its source, its services file and its route file,
 * so page and test never drift): compiled against camel-api alone, packed into a jar in CONFIG_FOLDER/plugins, and a
 * real book converted with it has the plugin's field in its intake.json.
 */
class JavaPluginPipelineTest extends PipelineTestSupport {

    private static final String SECTION = "### A Java plugin that adds a field to intake.json";

    /** The section of docs/plugins.md with the worked example. */
    static String exampleSection() {
        try {
            String doc = Files.readString(Path.of("docs/plugins.md"));
            int start = doc.indexOf(SECTION);
            assertThat(start).as("docs/plugins.md has the section '%s'", SECTION).isNotNegative();
            int next = doc.indexOf("\n## ", start);
            return next < 0 ? doc.substring(start) : doc.substring(start, next);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The section's code block of {@code language} (```java, ```text, ```yaml). */
    static String block(String section, String language) {
        Matcher m = Pattern.compile("(?s)```" + language + "\\n(.*?)```").matcher(section);
        assertThat(m.find()).as("a ```%s block in the example", language).isTrue();
        return m.group(1);
    }

    @Override
    protected Map<String, String> userRouteFiles() {
        return Map.of("shelf.yaml", block(exampleSection(), "yaml"));
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        String section = exampleSection();
        new PluginJarBuilder().source(block(section, "java"))
            .resource(PluginJars.CONFIGURATIONS, block(section, "text"))
            .build(new PluginJars(root().resolve("config")).folder().resolve("shelf.jar"));
        return super.useOverridePropertiesWithPropertiesComponent();
    }

    @Test
    void theDeliveredBooksIntakeJsonHasThePluginsField() throws Exception {
        assertThat(context.getRegistry().lookupByName("shelfLabel")).as("the plugin's bean is bound").isNotNull();

        NotifyBuilder done = booksDone(1);
        drop("Some Book", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, Map.of());
            AUDIO.mp3(folder.resolve("02.mp3"), 1.0, Map.of());
        });
        awaitBooks(done);

        List<String> manifests = filesUnder(converted()).stream().filter(f -> f.endsWith("intake.json")).toList();
        assertThat(manifests).hasSize(1);
        JsonNode intake = new ObjectMapper().readTree(converted().resolve(manifests.get(0)).toFile());
        assertThat(intake.path("plugins").path("shelf").asText()).isEqualTo("S");
        // the plugin's answer never replaces what the program records
        assertThat(intake.path("book").path("name").asText()).isEqualTo("Some Book");
        assertThat(intake.path("schemaVersion").asInt()).isEqualTo(org.automb.deliver.ManifestWriter.SCHEMA_VERSION);
        assertThat(ledger().store().deliveries().of("Some Book")).filteredOn(r -> r.kind().equals(PluginPoints.KIND))
            .extracting(DeliveryRecord::destination, DeliveryRecord::outcome)
            .contains(org.assertj.core.groups.Tuple.tuple("direct:plugin-intake", "ok"));
    }
}
