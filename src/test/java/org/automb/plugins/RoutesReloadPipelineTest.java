package org.automb.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.automb.app.UserRoutes;
import org.automb.testing.PipelineTestSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * ROUTES_RELOAD=Y (docs/plugins.md): a user's route file changed while the service runs is loaded again; a change that
 * breaks it keeps the routes that ran before.
 */
class RoutesReloadPipelineTest extends PipelineTestSupport {

    private static final String PLUGIN = """
        - route:
            id: my-plugin
            from:
              uri: direct:my-plugin
              steps:
                - setBody:
                    constant: "%s"
        """;

    private Path file() {
        return new UserRoutes(root().resolve("config")).folder().resolve("mine.yaml");
    }

    @Override
    protected Map<String, String> userRouteFiles() {
        return Map.of("mine.yaml", PLUGIN.formatted("first"));
    }

    @Override
    protected Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(new UserRoutes(root().resolve("config")).reloadProperties());
        settings.put("ROUTES_RELOAD", "Y");
        return settings;
    }

    private String answer() {
        return template.requestBody("direct:my-plugin", "", String.class);
    }

    @Test
    void aChangedFileIsReloadedAndABrokenOneKeepsTheOldRoutes() throws Exception {
        assertThat(answer()).isEqualTo("first");

        Files.writeString(file(), PLUGIN.formatted("second"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "second".equals(answer()));

        Files.writeString(file(), PLUGIN.formatted("third").replace("setBody", "setBdoy"));
        // the route of before keeps answering through the watcher's look at the broken file (it looks every second)
        Awaitility.await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> "second".equals(answer()));
        assertThat(context.getRoute("my-plugin")).isNotNull();
        assertThat(context.getRoute("process-book")).isNotNull();
    }
}
