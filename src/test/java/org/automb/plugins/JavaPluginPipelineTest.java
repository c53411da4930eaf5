package org.automb.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.DeliveryRecord;
import org.automb.testing.PipelineTestSupport;
import org.automb.testing.ShelfPluginExample;
import org.junit.jupiter.api.Test;

/**
 * docs/plugins.md's worked Java plugin, taken from the page itself (its source, its services file and its route file,
 * so page and test never drift): compiled against camel-api alone, packed into a jar in CONFIG_FOLDER/plugins, and a
 * real book converted with it has the plugin's field in its intake.json.
 */
class JavaPluginPipelineTest extends PipelineTestSupport {

    private static final ShelfPluginExample EXAMPLE = ShelfPluginExample.fromDocs();

    @Override
    protected Map<String, String> userRouteFiles() {
        return Map.of("shelf.yaml", EXAMPLE.routeFile());
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        EXAMPLE.buildJar(new PluginJars(root().resolve("config")).folder().resolve("shelf.jar"));
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
