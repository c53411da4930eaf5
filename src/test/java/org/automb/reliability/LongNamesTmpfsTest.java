package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.reliability.FailureFixtures.checksums;
import static org.automb.reliability.FailureFixtures.checksumsWithoutInfo;
import static org.automb.reliability.FailureFixtures.randomBytes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.JobState;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Book names as long as the inbox's file system allows, delivered to a converted folder on a tmpfs of its own and
 * set aside (archive, failed folder) on another one, so that every move crosses file systems: no temporary name adds
 * to the user's names, a name the destination cannot hold is shortened and recorded, and no book stays in the inbox.
 */
class LongNamesTmpfsTest extends PipelineTestSupport {

    /** 250 bytes: the book of the report ({@code .<name>.m4b.partial} was 263). */
    private static final String DELIVERED = "Delivered " + "d".repeat(240);
    /** 253 bytes: the folder fits, {@code <name>.m4b} (257) cannot. */
    private static final String SHORTENED = "Shortened " + "s".repeat(243);
    /** 250 bytes and undecodable: {@code <name>_<time>} (270) cannot exist in the failed folder. */
    private static final String BROKEN = "Broken " + "b".repeat(243);

    private static Tmpfs convertedFs;
    private static Tmpfs setAsideFs;

    @BeforeAll
    static void mountTwoFileSystems() throws Exception {
        convertedFs = Tmpfs.mount(64);
        setAsideFs = Tmpfs.mount(64);
    }

    @AfterAll
    static void unmount() throws Exception {
        for (Tmpfs fs : new Tmpfs[] {convertedFs, setAsideFs}) {
            if (fs != null) {
                fs.close();
            }
        }
    }

    @Override
    protected Path converted() {
        return convertedFs.root().resolve("converted");
    }

    @Override
    protected Path archive() {
        return setAsideFs.root().resolve("archive");
    }

    @Override
    protected Path failed() {
        return setAsideFs.root().resolve("failed");
    }

    @Test
    void longNamesAreDeliveredOrSetAsideAcrossFileSystems() throws Exception {
        assertThat(DELIVERED.getBytes(StandardCharsets.UTF_8)).hasSize(250);
        assertThat(SHORTENED.getBytes(StandardCharsets.UTF_8)).hasSize(253);
        assertThat(BROKEN.getBytes(StandardCharsets.UTF_8)).hasSize(250);
        Map<String, Map<String, String>> originals = new ConcurrentHashMap<>();
        NotifyBuilder done = booksDone(3);

        for (String name : List.of(DELIVERED, SHORTENED)) {
            drop(name, folder -> {
                AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("title", "One"));
                AUDIO.mp3(folder.resolve("02.mp3"), 1.0, tags("title", "Two"));
                Files.writeString(folder.resolve("notes.txt"), "notes");
                originals.put(name, checksums(folder));
            });
        }
        drop(BROKEN, folder -> {
            randomBytes(folder.resolve("01.mp3"), 64 * 1024, 7);
            originals.put(BROKEN, checksums(folder));
        });
        awaitBooks(done);

        assertThat(ledger().counts()).containsEntry(JobState.DONE, 2).containsEntry(JobState.FAILED, 1);
        assertThat(filesUnder(inbox())).as("no book is left in the inbox").isEmpty();

        // 250 bytes: delivered under its own name, nothing to shorten
        Path delivered = converted().resolve(DELIVERED);
        assertThat(names(delivered)).containsExactlyInAnyOrder(DELIVERED + ".m4b", "intake.json", "notes.txt");
        assertThat(INSPECT.inspect(delivered.resolve(DELIVERED + ".m4b")).durationSeconds()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(manifest(delivered).has("shortenedNames")).isFalse();
        assertThat(checksums(archive().resolve(DELIVERED))).as("originals archived, byte for byte").isEqualTo(originals.get(DELIVERED));

        // 253 bytes: the m4b's name is shortened, keeps its extension, and intake.json says so
        Path shortenedFolder = converted().resolve(SHORTENED);
        List<String> written = names(shortenedFolder).stream().filter(n -> n.endsWith(".m4b")).toList();
        assertThat(written).hasSize(1);
        String m4b = written.get(0);
        assertThat(m4b.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(m4b).startsWith("Shortened sss").matches(".*~[0-9a-f]{8}\\.m4b");
        assertThat(INSPECT.inspect(shortenedFolder.resolve(m4b)).durationSeconds()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.1));
        JsonNode manifest = manifest(shortenedFolder);
        assertThat(manifest.path("output").path("path").asText()).isEqualTo(shortenedFolder.resolve(m4b).toString());
        JsonNode renamed = manifest.path("shortenedNames");
        assertThat(renamed.size()).isEqualTo(1);
        assertThat(renamed.get(0).path("folder").asText()).isEqualTo("converted");
        assertThat(renamed.get(0).path("original").asText()).isEqualTo(SHORTENED + ".m4b");
        assertThat(renamed.get(0).path("written").asText()).isEqualTo(m4b);
        assertThat(checksums(archive().resolve(SHORTENED))).isEqualTo(originals.get(SHORTENED));

        // 250 bytes + "_<time>": the failed folder's name is shortened, the time kept, the originals whole
        List<String> failedFolders = names(failed());
        assertThat(failedFolders).hasSize(1);
        String setAside = failedFolders.get(0);
        assertThat(setAside.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(setAside).startsWith("Broken bbb").matches(".*~[0-9a-f]{8}_\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}");
        assertThat(checksumsWithoutInfo(failed().resolve(setAside))).isEqualTo(originals.get(BROKEN));
        assertThat(Files.readString(failed().resolve(setAside).resolve("FAILED_INFO.txt"))).contains("Book name:    " + BROKEN);

        for (Path folder : List.of(converted(), archive(), failed())) {
            assertThat(filesUnder(folder)).as("no temporary file left in %s", folder).noneMatch(f -> f.contains(".partial"));
        }
    }

    private static JsonNode manifest(Path folder) throws IOException {
        return new ObjectMapper().readTree(folder.resolve("intake.json").toFile());
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
