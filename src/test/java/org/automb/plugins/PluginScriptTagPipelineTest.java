package org.automb.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.DeliveryRecord;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/plugins.md's "Add a tag from a user script" and "Refuse a book", as the doc gives them (read from it): a
 * user's script run through camel-exec at direct:plugin-before-deliver, whose output ffprobe then reads as the m4b's
 * genre; and a plugin at direct:plugin-before-convert that fails the book, once, with its reason in FAILED_INFO.txt.
 */
class PluginScriptTagPipelineTest extends PipelineTestSupport {

    static final String TAG_EXAMPLE = "Add a tag from a user script";
    static final String REFUSE_EXAMPLE = "Refuse a book";

    @Override
    protected Map<String, String> userRouteFiles() {
        return Map.of("genre.yaml", PluginsDoc.block(TAG_EXAMPLE, "yaml"),
            "refuse.yaml", PluginsDoc.block(REFUSE_EXAMPLE, "yaml"));
    }

    /** CONFIG_FOLDER/scripts/genre.sh, executable, as the doc shows it. */
    @BeforeEach
    void installScript() throws IOException {
        Path script = root().resolve("config/scripts/genre.sh");
        Files.createDirectories(script.getParent());
        Files.writeString(script, PluginsDoc.block(TAG_EXAMPLE, "sh"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void theScriptsOutputIsTheDeliveredBooksGenre() throws Exception {
        NotifyBuilder done = booksDone(1);
        drop("Frank Herbert - Dune", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, Map.of("genre", "Fiction"));
            AUDIO.mp3(folder.resolve("02.mp3"), 1.0, Map.of("genre", "Fiction"));
            Files.writeString(folder.resolve("genre.txt"), "Science Fiction\nSpace Opera\n");
        });
        awaitBooks(done);

        List<String> delivered = filesUnder(converted()).stream().filter(f -> f.endsWith(".m4b")).toList();
        assertThat(delivered).hasSize(1);
        Path m4b = converted().resolve(delivered.get(0));
        // the folder's name holds spaces: the script got it as one argument
        assertThat(INSPECT.inspect(m4b).tags()).containsEntry("genre", "Science Fiction");
        assertThat(ledger().store().deliveries().of("Frank Herbert - Dune"))
            .filteredOn(r -> r.destination().equals("direct:plugin-before-deliver"))
            .singleElement().satisfies(run -> {
                assertThat(run.outcome()).isEqualTo("ok");
                assertThat(run.detail()).contains("tags written").contains("gen");
            });
        // intake.json's checksum is of the m4b as delivered, with its new tag
        assertThat(Files.readString(m4b.resolveSibling("intake.json")))
            .contains(org.automb.io.Sha256.of(m4b));
    }

    @Test
    void aBookWithoutGenreTxtKeepsItsOwnGenre() throws Exception {
        NotifyBuilder done = booksDone(1);
        drop("No Genre Book", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, Map.of("genre", "Fiction"));
        });
        awaitBooks(done);

        Path m4b = converted().resolve(filesUnder(converted()).stream().filter(f -> f.endsWith(".m4b")).findFirst()
            .orElseThrow());
        assertThat(INSPECT.inspect(m4b).tags()).containsEntry("genre", "Fiction");
        assertThat(ledger().store().deliveries().of("No Genre Book"))
            .filteredOn(r -> r.destination().equals("direct:plugin-before-deliver"))
            .extracting(DeliveryRecord::outcome).containsExactly("ok");
    }

    @Test
    void aBookThePluginRefusesFailsAtOnceWithThePluginsReason() throws Exception {
        NotifyBuilder done = booksDone(1);
        drop("Dune (incomplete)", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, Map.of());
            AUDIO.mp3(folder.resolve("02.mp3"), 1.0, Map.of());
        });
        awaitBooks(done);

        Job job = ledger().store().find("Dune (incomplete)").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.attempts()).as("no retries: the plugin decided").isEqualTo(1);
        assertThat(job.errorMessage()).contains("direct:plugin-before-convert")
            .contains("the folder name says the book is incomplete");
        assertThat(filesUnder(converted())).isEmpty();

        List<Path> failedFolders;
        try (var listed = Files.list(failed())) {
            failedFolders = listed.toList();
        }
        assertThat(failedFolders).singleElement()
            .satisfies(folder -> assertThat(folder.getFileName().toString()).startsWith("Dune (incomplete)_"));
        Path folder = failedFolders.get(0);
        assertThat(folder.resolve("01.mp3")).exists();
        assertThat(Files.readString(folder.resolve("FAILED_INFO.txt")))
            .contains("refused by the plugin at direct:plugin-before-convert: the folder name says the book is incomplete");
        assertThat(ledger().store().deliveries().of("Dune (incomplete)"))
            .filteredOn(r -> r.kind().equals(PluginPoints.KIND))
            .extracting(DeliveryRecord::destination, DeliveryRecord::outcome, DeliveryRecord::detail)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("direct:plugin-before-convert", "rejected",
                "the folder name says the book is incomplete"));
    }
}
