package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.automb.app.AutoM4bCommand;
import org.automb.status.JobIds;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LOG_FORMAT=json: a real --once run converting a book writes every log line as one JSON object, the book's lines
 * with its key and job id as fields. The run's closing summary ("auto-m4b: 1 converted, ...") is the command's
 * result on stdout, not a log line, and stays text.
 */
class JsonLogFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestAudio AUDIO = TestAudio.bundled();

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    @Test
    void everyLogLineIsOneJsonObjectAndTheBooksLinesNameItsKeyAndJob() throws Exception {
        harness.dropMp3Book(AUDIO, "Json Book", 2.0);
        ServiceProcess once = harness.start("once", Map.of("LOG_FORMAT", "json"), "--once");
        assertThat(once.awaitExit(Duration.ofMinutes(2))).as("exit; log: %s", once.log()).isEqualTo(AutoM4bCommand.EXIT_OK);

        List<JsonNode> events = new ArrayList<>();
        for (String line : once.log().split("\n")) {
            if (line.isBlank() || line.startsWith("auto-m4b: ")) {
                continue;
            }
            JsonNode event = JSON.readTree(line);
            assertThat(event.isObject()).as(line).isTrue();
            assertThat(event.fieldNames()).toIterable().as(line).contains("time", "level", "logger", "message");
            Instant.parse(event.path("time").asText());
            events.add(event);
        }
        assertThat(events).anyMatch(e -> e.path("message").asText().equals("auto-m4b " + AutoM4bCommand.VERSION + " starting"));
        List<JsonNode> book = events.stream().filter(e -> e.path("book").asText().equals("Json Book")).toList();
        assertThat(book).isNotEmpty().allMatch(e -> e.path("job").asText().equals(JobIds.idOf("Json Book")));
        assertThat(harness.converted().resolve("Json Book")).isDirectory();
    }
}
