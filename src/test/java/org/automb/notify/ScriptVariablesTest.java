package org.automb.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The post-convert script's variables: all always set, and each one documented, auto-m4b's first. */
class ScriptVariablesTest {

    @Test
    void whatIsNotKnownIsEmptyNeverMissing() {
        NotifyEvent event = new NotifyEvent("id", EventType.BOOK_CONVERTED, Instant.now(), "t", "m", "Some Book",
            new NotifyEvent.BookInfo("Some Book", null, List.of(), List.of(), null, null, null, null, null),
            new NotifyEvent.BookFile("/converted/Some Book/Some Book.m4b", 42L, null, null), null, null, null, null, 1);

        Map<String, String> variables = ScriptVariables.of(event, "auto-m4b");

        List<String> names = new ArrayList<>(ScriptVariables.AUTO_M4B_NAMES);
        names.addAll(ScriptVariables.MORE_NAMES);
        assertThat(variables.keySet()).containsExactlyElementsOf(names);
        assertThat(variables).containsEntry("AUTO_M4B_CONVERTED_DIR", "/converted/Some Book")
            .containsEntry("AUTO_M4B_KEY", "Some Book").containsEntry("AUTO_M4B_INBOX_PATH", "")
            .containsEntry("AUTO_M4B_AUTHOR", "").containsEntry("AUTO_M4B_DURATION", "")
            .containsEntry("AUTO_M4B_SIZE", "42").containsEntry("AUTO_M4B_EVENT", "converted")
            .containsEntry("AUTO_M4B_INSTANCE", "auto-m4b");
        assertThat(variables.values()).doesNotContainNull();
    }

    @Test
    void docsListEveryVariableInOrder() throws IOException {
        String doc = Files.readString(Path.of("docs/notifications.md"));
        List<String> documented = doc.lines().filter(line -> line.startsWith("| `AUTO_M4B_"))
            .map(line -> line.substring(3, line.indexOf('`', 3))).toList();
        List<String> names = new ArrayList<>(ScriptVariables.AUTO_M4B_NAMES);
        names.addAll(ScriptVariables.MORE_NAMES);
        assertThat(documented).containsExactlyElementsOf(names);
    }
}
