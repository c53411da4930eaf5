package org.automb.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.DeliveryRecord;
import org.automb.jobs.store.JobState;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plugins in the book's flow that fail without asking for the book to fail (docs/plugins.md, "When a plugin fails"):
 * one that throws at direct:plugin-before-convert, and a script that exits with an error at
 * direct:plugin-before-deliver; and a refusal off the book's flow (direct:plugin-after-deliver), too late to fail it.
 * All are recorded on the job; the book is converted and delivered all the same.
 */
class FailingPluginsPipelineTest extends PipelineTestSupport {

    static final String THROWS_BEFORE_CONVERT = """
        - route:
            id: throws-before-convert
            from:
              uri: direct:plugin-before-convert
              steps:
                - throwException:
                    exceptionType: java.lang.IllegalStateException
                    message: "this plugin is broken"
        """;

    static final String SCRIPT_FAILS_BEFORE_DELIVER = """
        - route:
            id: script-fails-before-deliver
            from:
              uri: direct:plugin-before-deliver
              steps:
                - setHeader:
                    name: CamelExecCommandArgs
                    simple: "${header.AutoM4bExecArgs}"
                - to: "exec:{{CONFIG_FOLDER}}/scripts/fails.sh?exitValues=0"
                - setHeader:
                    name: AutoM4bTag.genre
                    simple: "${bodyAs(String)}"
        """;

    /** Off the book's flow the book is delivered already: a refusal there changes nothing. */
    static final String REFUSES_TOO_LATE = """
        - route:
            id: refuses-too-late
            from:
              uri: direct:plugin-after-deliver
              steps:
                - throwException:
                    exceptionType: org.automb.plugins.PluginRejectsBook
                    message: "too late to refuse"
        """;

    @Override
    protected Map<String, String> userRouteFiles() {
        return Map.of("throws.yaml", THROWS_BEFORE_CONVERT, "fails.yaml", SCRIPT_FAILS_BEFORE_DELIVER,
            "late.yaml", REFUSES_TOO_LATE);
    }

    @BeforeEach
    void installScript() throws IOException {
        Path script = root().resolve("config/scripts/fails.sh");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/sh\necho 'Not A Genre'\necho 'no genre today' >&2\nexit 3\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void theBookIsDeliveredAndTheFailuresRecorded() throws Exception {
        org.automb.testing.LogCapture log = org.automb.testing.LogCapture.everything();
        NotifyBuilder done = booksDone(1);
        drop("Some Book", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, Map.of("genre", "Fantasy"));
            AUDIO.mp3(folder.resolve("02.mp3"), 1.0, Map.of("genre", "Fantasy"));
        });
        awaitBooks(done);

        assertThat(ledger().store().find("Some Book").orElseThrow().state()).isEqualTo(JobState.DONE);
        List<String> delivered = filesUnder(converted()).stream().filter(f -> f.endsWith(".m4b")).toList();
        assertThat(delivered).hasSize(1);
        // the failed script's output is no tag: the book keeps its sources' genre
        assertThat(INSPECT.inspect(converted().resolve(delivered.get(0))).tags()).containsEntry("genre", "Fantasy");
        assertThat(filesUnder(failed())).isEmpty();
        // the after-deliver plugin runs off the book's flow: its run is recorded once it is done
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(ledger().store().deliveries().of("Some Book")).filteredOn(r -> r.kind().equals(PluginPoints.KIND))
                .extracting(DeliveryRecord::destination, DeliveryRecord::outcome)
                .containsExactlyInAnyOrder(tuple("direct:plugin-before-convert", "failed"),
                    tuple("direct:plugin-before-deliver", "failed"), tuple("direct:plugin-after-deliver", "failed")));
        assertThat(ledger().store().find("Some Book").orElseThrow().state()).isEqualTo(JobState.DONE);
        assertThat(ledger().store().deliveries().of("Some Book"))
            .filteredOn(r -> r.destination().equals("direct:plugin-before-convert"))
            .singleElement().satisfies(r -> assertThat(r.detail()).contains("this plugin is broken"));
        assertThat(ledger().store().deliveries().of("Some Book"))
            .filteredOn(r -> r.destination().equals("direct:plugin-before-deliver"))
            .singleElement().satisfies(r -> assertThat(r.detail()).contains("exited with code 3").contains("no genre today"));
        assertThat(ledger().store().deliveries().of("Some Book"))
            .filteredOn(r -> r.destination().equals("direct:plugin-after-deliver"))
            .singleElement().satisfies(r -> assertThat(r.detail()).contains("too late to refuse")
                .contains("can be refused only at direct:plugin-before-convert"));
        // each failing plugin is a WARN line of the service, not an ERROR with a stack trace from the plugin's route
        log.close();
        assertThat(log.errors()).as("ERROR lines").isEmpty();
        assertThat(log.lines()).filteredOn(line -> line.level() == org.apache.logging.log4j.Level.WARN)
            .filteredOn(line -> line.message().contains("the plugin at direct:plugin-")).hasSize(3);
    }
}
