package org.automb.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.DeliveryRecord;
import org.automb.testing.PipelineTestSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The user's route files in CONFIG_FOLDER/routes take over the flow's extension points (docs/plugins.md, whose
 * worked examples these files are: read from it): every finished m4b copied to a second folder, books matching a
 * pattern delivered unconverted, and a plugin that fails recorded on the book's job while the book is converted all
 * the same.
 */
class PluginRoutesPipelineTest extends PipelineTestSupport {

    /** docs/plugins.md, "Copy every finished m4b to a second folder" (read from it; the folder is the test's). */
    static final String COPY_EXAMPLE = PluginsDoc.block("Copy every finished m4b to a second folder", "yaml");

    /** docs/plugins.md, "Skip the conversion of books matching a pattern" (read from it). */
    static final String SKIP_EXAMPLE = PluginsDoc.block("Skip the conversion of books matching a pattern", "yaml");

    /** A plugin that always fails: the book must not notice. Written in Camel's XML DSL, which user files may use too. */
    static final String FAILING = """
        <routes xmlns="http://camel.apache.org/schema/xml-io">
          <route id="failing-plugin">
            <from uri="direct:plugin-event-started"/>
            <throwException exceptionType="java.lang.IllegalStateException" message="this plugin always fails"/>
          </route>
        </routes>
        """;

    private Path second() {
        return root().resolve("second");
    }

    @Override
    protected Map<String, String> userRouteFiles() {
        assertThat(COPY_EXAMPLE).contains("file:/backup/m4b");
        return Map.of("copy.yaml", COPY_EXAMPLE.replace("/backup/m4b", second().toString()), "skip.yaml", SKIP_EXAMPLE,
            "failing.xml", FAILING);
    }

    @Test
    void aFinishedBookIsCopiedToTheSecondFolderDespiteAFailingPlugin() throws Exception {
        NotifyBuilder done = booksDone(1);
        drop("Some Book", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, Map.of());
            AUDIO.mp3(folder.resolve("02.mp3"), 1.0, Map.of());
        });
        awaitBooks(done);

        List<String> delivered = filesUnder(converted()).stream().filter(f -> f.endsWith(".m4b")).toList();
        assertThat(delivered).hasSize(1);
        Path m4b = converted().resolve(delivered.get(0));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(second().resolve(m4b.getFileName())).exists().hasSameBinaryContentAs(m4b));

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(ledger().store().deliveries().of("Some Book")).filteredOn(r -> r.kind().equals("plugin"))
                .extracting(DeliveryRecord::destination, DeliveryRecord::outcome)
                .contains(org.assertj.core.groups.Tuple.tuple("direct:plugin-after-deliver", "ok"),
                    org.assertj.core.groups.Tuple.tuple("direct:plugin-event-started", "failed")));
        DeliveryRecord failedRun = ledger().store().deliveries().of("Some Book").stream()
            .filter(r -> r.destination().equals("direct:plugin-event-started")).findFirst().orElseThrow();
        assertThat(failedRun.detail()).contains("this plugin always fails");
    }

    @Test
    void aBookMatchingThePatternIsDeliveredUnconverted() throws Exception {
        NotifyBuilder done = booksDone(1);
        drop("Sample Book", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, Map.of());
            AUDIO.mp3(folder.resolve("02.mp3"), 1.0, Map.of());
        });
        awaitBooks(done);

        List<String> delivered = filesUnder(converted());
        assertThat(delivered).anyMatch(f -> f.endsWith("01.mp3")).anyMatch(f -> f.endsWith("02.mp3"))
            .noneMatch(f -> f.endsWith(".m4b"));
    }
}
