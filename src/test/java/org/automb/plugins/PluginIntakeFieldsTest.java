package org.automb.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.automb.intake.Book;
import org.automb.jobs.store.DeliveryRecord;
import org.automb.jobs.store.JobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code direct:plugin-intake} (docs/plugins.md, "Fields of your own in intake.json"), against a real Camel context and
 * job store: only the fields intake.json does not have are taken, as plain JSON values; a plugin that throws or
 * returns what is not a map of JSON values adds nothing and is recorded as failed on the book's job.
 */
class PluginIntakeFieldsTest {

    @TempDir
    Path config;

    private JobStore store;
    private DefaultCamelContext camel;
    private PluginPoints points;

    private final Book book = new Book("Some Book", "Some Book", Path.of("/inbox/Some Book"), List.of(), List.of(), false);

    @BeforeEach
    void start() {
        store = JobStore.open(JobStore.defaultUrl(config), Clock.systemUTC());
        camel = new DefaultCamelContext();
        points = new PluginPoints(camel, store.deliveries(), Clock.systemUTC(), null); // no tags written here
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        store.close();
    }

    private Map<String, Object> manifest() {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 1);
        manifest.put("book", Map.of("key", "Some Book", "name", "Some Book"));
        manifest.put("state", "converted");
        return manifest;
    }

    private void plugin(RouteBuilder route) throws Exception {
        camel.addRoutes(route);
        camel.start();
    }

    private List<DeliveryRecord> runs() {
        return store.deliveries().of("Some Book").stream().filter(r -> r.kind().equals(PluginPoints.KIND)).toList();
    }

    @Test
    void noPluginNoFieldsNoRecord() {
        camel.start();
        assertThat(points.intakeFields(book, manifest())).isEmpty();
        assertThat(runs()).isEmpty();
    }

    @Test
    void onlyTheFieldsIntakeJsonDoesNotHaveAreTaken() throws Exception {
        plugin(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:plugin-intake").process(exchange -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> intake = exchange.getMessage().getBody(Map.class);
                    intake.put("state", "hacked"); // a built-in field: ignored
                    intake.put("shelf", "S");
                    intake.put("tags", List.of("a", "b"));
                    exchange.getMessage().setHeader("seen", exchange.getMessage().getHeader(PluginPoints.BOOK_KEY));
                });
            }
        });
        Map<String, Object> manifest = manifest();

        assertThat(points.intakeFields(book, manifest)).containsExactly(Map.entry("shelf", "S"),
            Map.entry("tags", List.of("a", "b")));
        assertThat(manifest).containsEntry("state", "converted");
        assertThat(runs()).extracting(DeliveryRecord::destination, DeliveryRecord::outcome)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("direct:plugin-intake", "ok"));
    }

    @Test
    void aPluginThatThrowsAddsNothingAndIsRecorded() throws Exception {
        plugin(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:plugin-intake").throwException(new IllegalStateException("catalogue offline"));
            }
        });

        assertThat(points.intakeFields(book, manifest())).isEmpty();
        assertThat(runs()).singleElement().satisfies(run -> {
            assertThat(run.outcome()).isEqualTo("failed");
            assertThat(run.detail()).contains("catalogue offline");
        });
    }

    @Test
    void aPluginThatReturnsNoMapAddsNothingAndIsRecorded() throws Exception {
        plugin(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:plugin-intake").setBody(constant("not a map"));
            }
        });

        assertThat(points.intakeFields(book, manifest())).isEmpty();
        assertThat(runs()).singleElement().satisfies(run -> {
            assertThat(run.outcome()).isEqualTo("failed");
            assertThat(run.detail()).contains("not a map of fields");
        });
    }

    @Test
    void aPluginWhoseFieldsAreNoJsonAddsNothingAndIsRecorded() throws Exception {
        plugin(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:plugin-intake").setBody(exchange -> Map.of("lock", new Object()));
            }
        });

        assertThat(points.intakeFields(book, manifest())).isEmpty();
        assertThat(runs()).singleElement().satisfies(run -> {
            assertThat(run.outcome()).isEqualTo("failed");
            assertThat(run.detail()).contains("cannot be written as JSON");
        });
    }
}
