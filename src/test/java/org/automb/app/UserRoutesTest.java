package org.automb.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserRoutesTest {

    @TempDir
    Path config;

    private UserRoutes withFile(String name, String yaml) throws Exception {
        Files.createDirectories(config.resolve("routes"));
        Files.writeString(config.resolve("routes").resolve(name), yaml);
        return new UserRoutes(config);
    }

    @Test
    void aValidFileHasNoProblem() throws Exception {
        UserRoutes routes = withFile("ok.yaml", """
            - route:
                id: my-route
                from:
                  uri: direct:plugin-after-deliver
                  steps:
                    - log: "hello"
            """);
        assertThat(routes.problems()).isEmpty();
    }

    @Test
    void noFolderNoProblem() {
        assertThat(new UserRoutes(config).problems()).isEmpty();
        assertThat(new UserRoutes(config).files()).isEmpty();
    }

    @Test
    void brokenYamlNamesFileAndLine() throws Exception {
        UserRoutes routes = withFile("broken.yaml", """
            - route:
                id: my-route
                from:
                  uri: direct:x
                  steps:
                    - log: "hello
                    - to: direct:y
            """);
        assertThat(routes.problems()).containsExactly("route file " + config.resolve("routes/broken.yaml")
            + ", line 6: while scanning a quoted scalar: found unexpected end of stream");
    }

    @Test
    void unknownStepNamesFileAndLine() throws Exception {
        UserRoutes routes = withFile("unknown.yaml", """
            - route:
                id: my-route
                from:
                  uri: direct:x
                  steps:
                    - lgo: "hello"
            """);
        assertThat(routes.problems()).containsExactly("route file " + config.resolve("routes/unknown.yaml")
            + ", line 6: Unknown node id: lgo");
    }

    @Test
    void aValidXmlFileHasNoProblem() throws Exception {
        UserRoutes routes = withFile("ok.xml", """
            <routes xmlns="http://camel.apache.org/schema/xml-io">
              <route id="my-xml-route">
                <from uri="direct:plugin-after-deliver"/>
                <log message="hello"/>
              </route>
            </routes>
            """);
        assertThat(routes.files()).containsExactly(config.resolve("routes/ok.xml"));
        assertThat(routes.problems()).isEmpty();
    }

    @Test
    void brokenXmlNamesFileAndLine() throws Exception {
        UserRoutes routes = withFile("broken.xml", """
            <routes xmlns="http://camel.apache.org/schema/xml-io">
              <route id="my-xml-route">
                <from uri="direct:x"/>
                <log message="hello">
              </route>
            </routes>
            """);
        assertThat(routes.problems()).containsExactly("route file " + config.resolve("routes/broken.xml")
            + ", line 5: end tag name </route> must match start tag name <log> from line 4");
    }

    @Test
    void includesAndReloadsBothDsls() throws Exception {
        UserRoutes routes = withFile("ok.yaml", "[]\n");
        String folder = config.resolve("routes").toAbsolutePath().normalize().toString();
        assertThat(routes.includePattern("file:routes/*.yaml"))
            .isEqualTo("file:routes/*.yaml,file:" + folder + "/*.yaml,file:" + folder + "/*.xml");
        assertThat(routes.reloadProperties()).containsEntry("camel.main.routes-reload-pattern", "*.yaml,*.xml");
    }
}
