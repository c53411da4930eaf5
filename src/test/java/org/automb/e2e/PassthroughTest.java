package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.testing.ServiceFiles.scratchLeftIn;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.testing.M4bInspector.M4bFacts;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/** A book that already is one AAC .m4b is validated and delivered as it is: the very same bytes, no re-encode. */
class PassthroughTest extends PipelineTestSupport {

    @Test
    void aFolderHoldingOneM4bIsDeliveredUnchanged() throws Exception {
        String[] sourceSha = new String[1];
        NotifyBuilder done = booksDone(1);
        drop("Ready Made", folder -> {
            Path m4b = AUDIO.aac(folder.resolve("Ready Made Audiobook.m4b"), 2.0, 44100, 2,
                tags("title", "Ready Made", "album", "Ready Made", "artist", "Pat Writer"));
            sourceSha[0] = sha(m4b);
            AUDIO.image(folder.resolve("cover.jpg"), 300, 300);
        });
        awaitBooks(done);

        Path bookFolder = converted().resolve("Ready Made");
        Path output = bookFolder.resolve("Ready Made.m4b");
        assertThat(output).exists();
        assertThat(OutputChecks.sha256(output)).as("the output is the source, byte for byte").isEqualTo(sourceSha[0]);
        JsonNode manifest = OutputChecks.manifest(bookFolder);
        assertThat(manifest.path("mode").asText()).isEqualTo("passthrough");
        assertThat(manifest.path("audio").path("path").asText()).isEqualTo("PASSTHROUGH");
        assertThat(manifest.path("output").path("sha256").asText()).isEqualTo(sourceSha[0]);
        assertThat(manifest.path("sources").path(0).path("sha256").asText()).isEqualTo(sourceSha[0]);
        M4bFacts facts = INSPECT.inspect(output);
        assertThat(facts.codec()).isEqualTo("aac");
        assertThat(facts.tags()).containsEntry("artist", "Pat Writer");
        assertThat(filesUnder(bookFolder)).containsExactlyInAnyOrder("Ready Made.m4b", "cover.jpg", "intake.json");
        assertThat(filesUnder(archive().resolve("Ready Made"))).containsExactlyInAnyOrder("Ready Made Audiobook.m4b", "cover.jpg");
        assertThat(scratchLeftIn(working())).isEmpty();
    }

    @Test
    void aLooseM4bInTheInboxIsDeliveredUnchanged() throws Exception {
        String[] sourceSha = new String[1];
        NotifyBuilder done = booksDone(1);
        dropFile("Loose Book.m4b", file -> {
            AUDIO.aac(file, 1.5, 22050, 1, tags("album", "Loose Book"));
            sourceSha[0] = sha(file);
        });
        awaitBooks(done);

        Path output = converted().resolve("Loose Book/Loose Book.m4b");
        assertThat(output).exists();
        assertThat(OutputChecks.sha256(output)).isEqualTo(sourceSha[0]);
        assertThat(OutputChecks.manifest(output.getParent()).path("mode").asText()).isEqualTo("passthrough");
        assertThat(filesUnder(inbox())).isEmpty();
    }

    static String sha(Path file) {
        try {
            return OutputChecks.sha256(file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
