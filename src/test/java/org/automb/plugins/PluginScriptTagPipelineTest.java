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

    /** The three books in one run of the service (one start: the suite stays short); each asserted on its own. */
    @Test
    void theScriptTagsTheBooksAndThePluginRefusesTheIncompleteOne() throws Exception {
        NotifyBuilder done = booksDone(3);
        drop("Frank Herbert - Dune", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, Map.of("genre", "Fiction"));
            AUDIO.mp3(folder.resolve("02.mp3"), 1.0, Map.of("genre", "Fiction"));
            Files.writeString(folder.resolve("genre.txt"), "Science Fiction\nSpace Opera\n");
        });
        drop("No Genre Book", folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, Map.of("genre", "Fiction")));
        drop("Dune (incomplete)", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, Map.of());
            AUDIO.mp3(folder.resolve("02.mp3"), 1.0, Map.of());
        });
        awaitBooks(done);

        theScriptsOutputIsTheBooksGenre();
        aBookWithoutGenreTxtKeepsItsOwnGenre();
        aBookThePluginRefusesFailsAtOnceWithThePluginsReason();
    }

    private Path deliveredM4b(String key) {
        List<String> delivered = filesUnder(converted().resolve(key)).stream().filter(f -> f.endsWith(".m4b")).toList();
        assertThat(delivered).as("the m4b of %s", key).hasSize(1);
        return converted().resolve(key).resolve(delivered.get(0));
    }

    private void theScriptsOutputIsTheBooksGenre() throws IOException {
        Path m4b = deliveredM4b("Frank Herbert - Dune");
        // the folder's name holds spaces: the script got it as one argument
        assertThat(INSPECT.inspect(m4b).tags()).containsEntry("genre", "Science Fiction");
        assertThat(ledger().store().deliveries().of("Frank Herbert - Dune"))
            .filteredOn(r -> r.destination().equals("direct:plugin-before-deliver"))
            .singleElement().satisfies(run -> {
                assertThat(run.outcome()).isEqualTo("ok");
                assertThat(run.detail()).contains("tags written").contains("gen");
            });
        // intake.json's checksum is of the m4b as delivered, with its new tag
        assertThat(Files.readString(m4b.resolveSibling("intake.json"))).contains(org.automb.io.Sha256.of(m4b));
    }

    private void aBookWithoutGenreTxtKeepsItsOwnGenre() {
        assertThat(INSPECT.inspect(deliveredM4b("No Genre Book")).tags()).containsEntry("genre", "Fiction");
        assertThat(ledger().store().deliveries().of("No Genre Book"))
            .filteredOn(r -> r.destination().equals("direct:plugin-before-deliver"))
            .extracting(DeliveryRecord::outcome).containsExactly("ok");
    }

    private void aBookThePluginRefusesFailsAtOnceWithThePluginsReason() throws IOException {
        Job job = ledger().store().find("Dune (incomplete)").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.attempts()).as("no retries: the plugin decided").isEqualTo(1);
        assertThat(job.errorMessage()).contains("direct:plugin-before-convert")
            .contains("the folder name says the book is incomplete");
        assertThat(converted().resolve("Dune (incomplete)")).doesNotExist();

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
