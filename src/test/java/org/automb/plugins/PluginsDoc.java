package org.automb.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The code blocks of docs/plugins.md's worked examples, read by the tests that prove them (the doc cannot drift). */
final class PluginsDoc {

    private static final Path DOC = Path.of("docs/plugins.md");

    private PluginsDoc() {
    }

    /** The first {@code ```<language>} block under the heading {@code ### <heading>} (and before the next heading). */
    static String block(String heading, String language) {
        List<String> lines;
        try {
            lines = Files.readAllLines(DOC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int at = lines.indexOf("### " + heading);
        if (at < 0) {
            throw new IllegalStateException(DOC + " has no heading '### " + heading + "'");
        }
        StringBuilder block = null;
        boolean inOtherBlock = false;
        for (int i = at + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (inOtherBlock) {
                inOtherBlock = !line.equals("```");
            } else if (block == null) {
                if (line.startsWith("#")) {
                    break;
                }
                if (line.equals("```" + language)) {
                    block = new StringBuilder();
                } else if (line.startsWith("```")) {
                    inOtherBlock = true;
                }
            } else if (line.equals("```")) {
                return block.toString();
            } else {
                block.append(line).append('\n');
            }
        }
        throw new IllegalStateException(DOC + ": no ```" + language + " block under '### " + heading + "'");
    }
}
