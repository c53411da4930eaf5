package org.automb.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/troubleshooting.md quotes the messages as the program writes them: every quoted message in its tables' first
 * column is checked against the source that prints it. The parts that change ({@code <SETTING>}, {@code …}, numbers,
 * and the places where the code joins values in) split a message into fragments; each fragment of some length must
 * be in the code (Java string concatenations joined), so a reworded message fails here until the doc follows.
 */
class TroubleshootingMessagesTest {

    private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");
    /** Where a message's changing parts are, or where code may join values into it. */
    private static final Pattern SPLIT = Pattern.compile("<[^>]*>|…|\\.\\.\\.|[=:(),]|\\d+");
    /** Shorter fragments ("problem", a setting's name) say too little to check. */
    private static final int LEAST = 12;

    @Test
    void everyQuotedMessageIsOneTheProgramPrints() throws IOException {
        String code = sources();
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (String row : Files.readAllLines(Path.of("docs/troubleshooting.md"))) {
            if (!row.startsWith("| `")) {
                continue;
            }
            Matcher quoted = QUOTED.matcher(row.split(" \\| ", 2)[0]);
            while (quoted.find()) {
                for (String fragment : SPLIT.split(quoted.group(1))) {
                    String words = fragment.strip().replaceAll("^[,;: ]+|[,;: ]+$", "");
                    if (words.length() < LEAST) {
                        continue;
                    }
                    checked++;
                    if (!code.contains(words)) {
                        missing.add(words + "    (in: " + quoted.group(1) + ")");
                    }
                }
            }
        }
        assertThat(checked).as("fragments checked").isGreaterThan(40);
        assertThat(missing).as("messages docs/troubleshooting.md quotes that no source prints").isEmpty();
    }

    private static String sources() throws IOException {
        List<Path> roots = List.of(Path.of("src/main/java"), Path.of("src/main/resources"), Path.of("routes"),
            Path.of("docker"), Path.of("bin"));
        StringBuilder all = new StringBuilder();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                    byte[] bytes = Files.readAllBytes(file);
                    all.append(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).append('\n');
                }
            }
        }
        // "a" + "b" across lines is one message as printed
        return all.toString().replaceAll("\"\\s*\\+\\s*\"", "");
    }
}
