package org.automb.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every relative link of the README, the CHANGELOG and docs/ leads to a file that exists, and to a heading in it. */
class DocsLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#+\\s+(.*)$");

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md"), Path.of("CHANGELOG.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<String> broken = new ArrayList<>();
        for (Path document : documents) {
            List<String> lines = Files.readAllLines(document);
            boolean inCode = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.stripLeading().startsWith("```")) {
                    inCode = !inCode;
                    continue;
                }
                Matcher link = LINK.matcher(line);
                while (!inCode && link.find()) {
                    check(document, i + 1, link.group(1)).ifPresent(broken::add);
                }
            }
        }
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    private static java.util.Optional<String> check(Path document, int line, String link) {
        if (link.matches("^[a-z]+:.*")) {
            return java.util.Optional.empty(); // http(s), mailto: not checked offline
        }
        int hash = link.indexOf('#');
        String file = hash < 0 ? link : link.substring(0, hash);
        Path target = file.isEmpty() ? document : document.resolveSibling(file).normalize();
        if (!Files.exists(target)) {
            return java.util.Optional.of(document + ":" + line + ": " + link + " (no such file)");
        }
        if (hash >= 0 && target.toString().endsWith(".md") && !anchors(target).contains(link.substring(hash + 1))) {
            return java.util.Optional.of(document + ":" + line + ": " + link + " (no such heading)");
        }
        return java.util.Optional.empty();
    }

    /** GitHub's anchors: the heading in lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchors(Path markdown) {
        try {
            Set<String> anchors = new HashSet<>();
            boolean inCode = false;
            for (String line : Files.readAllLines(markdown)) {
                inCode ^= line.stripLeading().startsWith("```");
                Matcher heading = HEADING.matcher(line);
                if (!inCode && heading.matches()) {
                    anchors.add(heading.group(1).strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-'));
                }
            }
            return anchors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
