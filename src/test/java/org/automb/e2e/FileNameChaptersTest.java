package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/** USE_FILENAMES_AS_CHAPTERS=Y: chapters are titled from the cleaned file names even when files have title tags. */
class FileNameChaptersTest extends PipelineTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("USE_FILENAMES_AS_CHAPTERS", "Y");
    }

    @Test
    void fileNamesWinOverTitleTags() throws Exception {
        NotifyBuilder done = booksDone(1);
        drop("Named Files", folder -> {
            AUDIO.mp3(folder.resolve("01 - Down the Hole.mp3"), 1.0, tags("title", "Track 1", "album", "Named Files"));
            AUDIO.mp3(folder.resolve("02 - The Pool of Tears.mp3"), 1.0, tags("title", "Track 2", "album", "Named Files"));
        });
        awaitBooks(done);

        assertThat(INSPECT.inspect(converted().resolve("Named Files/Named Files.m4b")).chapterTitles())
            .containsExactly("Down the Hole", "The Pool of Tears");
    }
}
