package org.automb.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.DeliveryRecord;
import org.automb.testing.PipelineTestSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * POST_CONVERT_SCRIPT through the whole service: a real book whose folder name and tags hold what a shell would act
 * on is converted; the user's script then gets auto-m4b's variables with those values exactly, nothing of them is run,
 * and the run is recorded on the book's job.
 */
class PostConvertScriptPipelineTest extends PipelineTestSupport {

    private static final String NAME = "Tom's \"Best\" $(touch pwned) `touch pwned`; touch pwned && echo Ü";
    private static final String TITLE = "Title $(touch pwned) 'q' \"qq\"";
    private static final String AUTHOR = "Ann \"Q\" O'Neil $(touch pwned) `id`";

    private Path dump() {
        return root().resolve("dump.env");
    }

    @Override
    protected Map<String, String> settings() {
        Path script = root().resolve("bin/after convert.sh");
        try {
            Files.createDirectories(script.getParent());
            Files.writeString(script, "#!/bin/sh\nenv -0 > '" + dump() + "'\necho done for \"$AUTO_M4B_KEY\"\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("POST_CONVERT_SCRIPT", script.toString());
    }

    @Test
    void theScriptGetsTheBooksValuesAsPlainValuesAndRunsNothingElse() throws Exception {
        NotifyBuilder done = booksDone(1);
        drop(NAME, folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("title", TITLE, "album", TITLE,
            "artist", AUTHOR)));
        awaitBooks(done);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(ledger().store().deliveries().of(NAME)).extracting(DeliveryRecord::kind).contains("script"));
        DeliveryRecord run = ledger().store().deliveries().of(NAME).stream()
            .filter(row -> row.kind().equals("script")).findFirst().orElseThrow();
        assertThat(run.outcome()).isEqualTo("ok");
        assertThat(run.statusCode()).isZero();
        assertThat(run.detail()).isEqualTo("done for " + NAME);

        Map<String, String> env = readEnv(dump());
        Path m4b;
        try (Stream<Path> files = Files.walk(converted())) {
            m4b = files.filter(f -> f.toString().endsWith(".m4b")).findFirst().orElseThrow();
        }
        assertThat(env).containsEntry("AUTO_M4B_KEY", NAME)
            .containsEntry("AUTO_M4B_INBOX_PATH", inbox().resolve(NAME).toString())
            .containsEntry("AUTO_M4B_CONVERTED_PATH", m4b.toString())
            .containsEntry("AUTO_M4B_CONVERTED_DIR", m4b.getParent().toString())
            .containsEntry("AUTO_M4B_AUTHOR", AUTHOR)
            .containsEntry("AUTO_M4B_EVENT", "converted");
        assertThat(env.get("AUTO_M4B_TITLE")).isEqualTo(TITLE);
        try (Stream<Path> files = Files.walk(root())) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("pwned")).toList()).isEmpty();
        }
        assertThat(Path.of("pwned")).doesNotExist();
    }

    private static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String entry : new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }
}
