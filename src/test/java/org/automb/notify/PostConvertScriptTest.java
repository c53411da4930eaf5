package org.automb.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.automb.jobs.store.DeliveryRecord;
import org.automb.jobs.store.JobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real route post-convert-script (routes/post-convert.camel.yaml, camel-exec with the script's binding and
 * executor) running real shell scripts the test writes: the values a script gets, what is recorded on the job, the
 * timeout, and that nothing of a book's name is ever run.
 */
class PostConvertScriptTest {

    /** Everything a shell would act on, and what is not ASCII. */
    private static final String HOSTILE = "Tom's \"Best\" $(touch pwned) `touch pwned`; touch pwned && echo x | cat\n"
        + "second line ${HOME} * ? \\ Ünïcödé 漢字 🎧";

    @TempDir
    Path root;

    private DefaultCamelContext context;
    private JobStore store;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void theScriptGetsEveryValueAsItIsAndNothingInItRuns() throws Exception {
        Path converted = Files.createDirectories(root.resolve("converted").resolve(HOSTILE.replace('/', '_')));
        Path m4b = Files.writeString(converted.resolve(HOSTILE + ".m4b"), "not audio");
        Path inbox = Files.createDirectories(root.resolve("inbox").resolve(HOSTILE));
        Path dump = root.resolve("dump");
        Path script = script("dump.sh", "pwd -P > '" + dump + ".pwd'\nenv -0 > '" + dump + ".env'\necho dumped\n");
        start(script, Duration.ofSeconds(20), List.of());
        NotifyEvent event = new NotifyEvent("id-1", EventType.BOOK_CONVERTED, Instant.now(), "Converted: " + HOSTILE,
            "message", HOSTILE, new NotifyEvent.BookInfo(HOSTILE + " title", "sub " + HOSTILE, List.of("A " + HOSTILE, "B"),
                List.of("N " + HOSTILE), "S " + HOSTILE, "1.5", "B0HOSTILE1", 3725.6, 12),
            new NotifyEvent.BookFile(m4b.toString(), 12345L, 64, "aac"),
            new NotifyEvent.BookSource(HOSTILE, inbox.toString(), List.of("01.mp3")), null, Duration.ofSeconds(3), null, 1);

        Exchange done = send(event);

        assertThat(done.getException()).isNull();
        Map<String, String> env = readEnv(Path.of(dump + ".env"));
        assertThat(env).containsEntry("AUTO_M4B_INBOX_PATH", inbox.toString())
            .containsEntry("AUTO_M4B_CONVERTED_PATH", m4b.toString())
            .containsEntry("AUTO_M4B_CONVERTED_DIR", converted.toString())
            .containsEntry("AUTO_M4B_TITLE", HOSTILE + " title")
            .containsEntry("AUTO_M4B_AUTHOR", "A " + HOSTILE + ", B")
            .containsEntry("AUTO_M4B_KEY", HOSTILE)
            .containsEntry("AUTO_M4B_WATCH_SOURCE", "")
            .containsEntry("AUTO_M4B_NARRATOR", "N " + HOSTILE)
            .containsEntry("AUTO_M4B_SUBTITLE", "sub " + HOSTILE)
            .containsEntry("AUTO_M4B_SERIES", "S " + HOSTILE)
            .containsEntry("AUTO_M4B_SERIES_PART", "1.5")
            .containsEntry("AUTO_M4B_ASIN", "B0HOSTILE1")
            .containsEntry("AUTO_M4B_DURATION", "3726")
            .containsEntry("AUTO_M4B_CHAPTERS", "12")
            .containsEntry("AUTO_M4B_SIZE", "12345")
            .containsEntry("AUTO_M4B_EVENT", "converted")
            .containsEntry("AUTO_M4B_INSTANCE", "test-instance")
            .as("the service's own environment is inherited").containsEntry("PATH", System.getenv("PATH"));
        assertThat(Files.readString(Path.of(dump + ".pwd")).strip()).as("working folder")
            .isEqualTo(converted.toRealPath().toString());
        // a shell would have made it in its working folder (the converted folder, under root) or the service's
        assertThat(pwnedFiles(root)).isEmpty();
        assertThat(Path.of("pwned")).doesNotExist();
        assertThat(Path.of(System.getProperty("java.io.tmpdir"), "pwned")).doesNotExist();
        assertThat(store.deliveries().of(HOSTILE)).singleElement().satisfies(row -> {
            assertThat(row.event()).isEqualTo("converted");
            assertThat(row.kind()).isEqualTo("script");
            assertThat(row.destination()).isEqualTo(script.toString());
            assertThat(row.outcome()).isEqualTo("ok");
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(row.statusCode()).isZero();
            assertThat(row.detail()).isEqualTo("dumped");
        });
    }

    @Test
    void aFailingScriptIsRecordedWithItsExitCodeAndTheTailOfItsOutputSecretsMasked() throws Exception {
        Path script = script("fail.sh", """
            i=0
            while [ $i -lt 400 ]; do echo "line $i of a chatty script"; i=$((i+1)); done
            echo "token in use: s3cret-T0ken-value" >&2
            echo "could not reach the NAS" >&2
            exit 3
            """);
        start(script, Duration.ofSeconds(20), List.of("s3cret-T0ken-value"));

        Exchange done = send(event("Failing Book", root));

        assertThat(done.getException()).as("a failing script never fails the exchange").isNull();
        DeliveryRecord row = store.deliveries().of("Failing Book").get(0);
        assertThat(row.outcome()).isEqualTo("failed");
        assertThat(row.statusCode()).isEqualTo(3);
        assertThat(row.detail()).endsWith("token in use: ***\ncould not reach the NAS")
            .contains("line 399 of a chatty script").doesNotContain("s3cret-T0ken-value")
            .doesNotContain("line 0 of");
        assertThat(row.detail().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ScriptProcess.TAIL_BYTES);
        assertThat(row.detail().lines().findFirst().orElseThrow()).as("no line cut in half").startsWith("line ");
    }

    @Test
    void aScriptRunningPastItsTimeoutIsKilledWithItsChildrenAndRecordedAsTimedOut() throws Exception {
        Path pids = root.resolve("pids");
        Path script = script("hang.sh", "echo $$ > '" + pids + "'\nsleep 60 &\necho $! >> '" + pids + "'\n"
            + "echo started\nwait\n");
        start(script, Duration.ofSeconds(1), List.of());

        long began = System.nanoTime();
        Exchange done = send(event("Slow Book", root));
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(done.getException()).isNull();
        assertThat(took).as("killed at the timeout, not waited for").isLessThan(Duration.ofSeconds(10));
        DeliveryRecord row = store.deliveries().of("Slow Book").get(0);
        assertThat(row.outcome()).isEqualTo("timed_out");
        assertThat(row.statusCode()).isNull();
        assertThat(row.detail()).startsWith("killed after 1 s").endsWith("started");
        List<Long> processes = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertThat(processes).hasSize(2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(processes)
            .as("the script and its child are gone").noneMatch(PostConvertScriptTest::running));
    }

    @Test
    void aScriptThatCannotBeStartedIsRecordedAsFailed() throws Exception {
        Path script = script("gone.sh", "echo never\n");
        start(script, Duration.ofSeconds(5), List.of());
        Files.delete(script);

        Exchange done = send(event("Orphan Book", root));

        assertThat(done.getException()).isNull();
        DeliveryRecord row = store.deliveries().of("Orphan Book").get(0);
        assertThat(row.outcome()).isEqualTo("failed");
        assertThat(row.statusCode()).isNull();
        assertThat(row.detail()).as("the reason, naming the script").contains(script.toString());
    }

    // --- helpers ---

    private void start(Path script, Duration timeout, List<String> secrets) throws Exception {
        store = JobStore.open(JobStore.defaultUrl(Files.createDirectories(root.resolve("config"))), Clock.systemUTC());
        context = new DefaultCamelContext();
        context.getRegistry().bind("postConvertScript", new PostConvertScript(script, timeout, "test-instance",
            secrets, store.deliveries(), Clock.systemUTC()));
        context.getRegistry().bind("postConvertScriptBinding", new ScriptExecBinding());
        context.getRegistry().bind("postConvertScriptExecutor", new ScriptProcess());
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context,
            "file:" + Path.of("routes/post-convert.camel.yaml").toAbsolutePath()));
        context.start();
    }

    private Exchange send(NotifyEvent event) {
        ProducerTemplate template = context.createProducerTemplate();
        return template.send("direct:post-convert-script", exchange -> exchange.getIn().setBody(event));
    }

    private Path script(String name, String body) throws IOException {
        Path script = root.resolve("scripts").resolve(name);
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static NotifyEvent event(String key, Path root) throws IOException {
        Path converted = Files.createDirectories(root.resolve("converted").resolve(key));
        Path m4b = Files.writeString(converted.resolve(key + ".m4b"), "not audio");
        return new NotifyEvent("id-" + key, EventType.BOOK_CONVERTED, Instant.now(), "Converted: " + key, "message", key,
            new NotifyEvent.BookInfo(key, null, List.of("Jane Doe"), List.of(), null, null, null, null, null),
            new NotifyEvent.BookFile(m4b.toString(), 9L, null, null),
            new NotifyEvent.BookSource(key, root.resolve("inbox").resolve(key).toString(), List.of()), null, null, null, 1);
    }

    private static Map<String, String> readEnv(Path dump) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String entry : Files.readString(dump, StandardCharsets.UTF_8).split("\0")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                env.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return env;
    }

    private static List<Path> pwnedFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.getFileName().toString().equals("pwned")).toList();
        }
    }

    /** Alive and not a zombie waiting to be reaped. */
    private static boolean running(long pid) {
        Path stat = Path.of("/proc/" + pid + "/stat");
        try {
            String text = Files.readString(stat);
            return !text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }
}
