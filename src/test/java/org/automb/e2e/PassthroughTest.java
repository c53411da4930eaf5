package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.testing.ServiceFiles.scratchLeftIn;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.testing.M4bInspector.M4bFacts;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * A book that already is one AAC .m4b is validated and delivered without a re-encode: the very same audio packets.
 * Like every book it gets the folder's cover and the tag rules (a file already as they would make it stays the same
 * bytes).
 */
class PassthroughTest extends PipelineTestSupport {

    @Test
    void aFolderHoldingOneM4bIsDeliveredWithItsAudioUnchangedAndTheFoldersCover() throws Exception {
        String[] sourceSha = new String[1];
        String[] sourceAudio = new String[1];
        NotifyBuilder done = booksDone(1);
        drop("Ready Made", folder -> {
            Path m4b = AUDIO.aac(folder.resolve("Ready Made Audiobook.m4b"), 2.0, 44100, 2,
                tags("title", "Ready Made", "album", "Ready Made", "artist", "Pat Writer"));
            sourceSha[0] = sha(m4b);
            sourceAudio[0] = INSPECT.audioPacketsMd5(m4b);
            AUDIO.image(folder.resolve("cover.jpg"), 300, 300);
        });
        awaitBooks(done);

        Path bookFolder = converted().resolve("Ready Made");
        Path output = bookFolder.resolve("Ready Made.m4b");
        assertThat(output).exists();
        assertThat(INSPECT.audioPacketsMd5(output)).as("the same audio packets").isEqualTo(sourceAudio[0]);
        assertThat(OutputChecks.picture(output)).as("the folder's cover").isNotNull();
        JsonNode manifest = OutputChecks.manifest(bookFolder);
        assertThat(manifest.path("mode").asText()).isEqualTo("passthrough");
        assertThat(manifest.path("audio").path("path").asText()).isEqualTo("PASSTHROUGH");
        assertThat(manifest.path("output").path("sha256").asText()).isEqualTo(OutputChecks.sha256(output));
        assertThat(manifest.path("sources").path(0).path("sha256").asText()).isEqualTo(sourceSha[0]);
        M4bFacts facts = INSPECT.inspect(output);
        assertThat(facts.codec()).isEqualTo("aac");
        assertThat(facts.tags()).containsEntry("artist", "Pat Writer");
        assertThat(filesUnder(bookFolder)).containsExactlyInAnyOrder("Ready Made.m4b", "cover.jpg", "intake.json");
        assertThat(filesUnder(archive().resolve("Ready Made"))).containsExactlyInAnyOrder("Ready Made Audiobook.m4b", "cover.jpg");
        assertThat(scratchLeftIn(working())).isEmpty();
    }

    @Test
    void aLooseM4bInTheInboxIsDeliveredWithItsAudioUnchangedAndTheTagRulesApplied() throws Exception {
        String[] sourceAudio = new String[1];
        NotifyBuilder done = booksDone(1);
        dropFile("Loose Book.m4b", file -> {
            AUDIO.aac(file, 1.5, 22050, 1, tags("album", "Loose Book"));
            sourceAudio[0] = INSPECT.audioPacketsMd5(file);
        });
        awaitBooks(done);

        Path output = converted().resolve("Loose Book/Loose Book.m4b");
        assertThat(output).exists();
        assertThat(INSPECT.audioPacketsMd5(output)).isEqualTo(sourceAudio[0]);
        // the rules every book gets: the title from the album, filed as an audiobook
        assertThat(INSPECT.inspect(output).tags()).containsEntry("title", "Loose Book").containsEntry("media_type", "2");
        assertThat(OutputChecks.manifest(output.getParent()).path("mode").asText()).isEqualTo("passthrough");
        assertThat(filesUnder(inbox())).isEmpty();
    }

    @Test
    void aPassthroughM4bTakesTheChaptersOfItsFoldersChaptersTxt() throws Exception {
        NotifyBuilder done = booksDone(1);
        drop("Marked Up", folder -> {
            AUDIO.aac(folder.resolve("Marked Up.m4b"), 3.0, 22050, 1, tags("album", "Marked Up"));
            java.nio.file.Files.writeString(folder.resolve("chapters.txt"), "00:00:00.000 Opening\n00:00:01.500 The Rest\n");
        });
        awaitBooks(done);

        Path output = converted().resolve("Marked Up/Marked Up.m4b");
        M4bFacts facts = INSPECT.inspect(output);
        assertThat(facts.chapterTitles()).containsExactly("Opening", "The Rest");
        assertThat(facts.chapters().get(1).start()).isCloseTo(1.5, org.assertj.core.data.Offset.offset(0.05));
        assertThat(OutputChecks.manifest(output.getParent()).path("output").path("chapterCount").asInt()).isEqualTo(2);
    }

    static String sha(Path file) {
        try {
            return OutputChecks.sha256(file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
