package org.automb.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/plugins.md's worked Java plugin, read from the page itself (its source, its services file and its route file),
 * so that the tests prove the page as a user reads it.
 */
public final class ShelfPluginExample {

    private static final String SECTION = "### A Java plugin that adds a field to intake.json";

    private final String section;

    private ShelfPluginExample(String section) {
        this.section = section;
    }

    public static ShelfPluginExample fromDocs() {
        try {
            String doc = Files.readString(Path.of("docs/plugins.md"));
            int start = doc.indexOf(SECTION);
            assertThat(start).as("docs/plugins.md has the section '%s'", SECTION).isNotNegative();
            int next = doc.indexOf("\n## ", start);
            return new ShelfPluginExample(next < 0 ? doc.substring(start) : doc.substring(start, next));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ShelfPlugin.java. */
    public String javaSource() {
        return block("java");
    }

    /** The jar's META-INF/services/org.apache.camel.CamelConfiguration. */
    public String servicesFile() {
        return block("text");
    }

    /** CONFIG_FOLDER/routes/shelf.yaml. */
    public String routeFile() {
        return block("yaml");
    }

    /** Builds the jar as the page says, into {@code jar}. */
    public Path buildJar(Path jar) {
        return new PluginJarBuilder().source(javaSource())
            .resource("META-INF/services/org.apache.camel.CamelConfiguration", servicesFile()).build(jar);
    }

    private String block(String language) {
        Matcher m = Pattern.compile("(?s)```" + language + "\\n(.*?)```").matcher(section);
        assertThat(m.find()).as("a ```%s block in the example", language).isTrue();
        return m.group(1);
    }
}
