package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.e2e.OutputChecks.Picture;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The cover embedded in the m4b: the first source's own picture, else the best image beside the audio
 * (cover.*, then folder.*, then the largest; images under 7 KB are thumbnails and ignored). Images are told
 * apart by their sizes in pixels.
 */
class CoverTest extends PipelineTestSupport {

    @Test
    void thePictureEmbeddedInTheFirstSourceWinsOverImageFiles() throws Exception {
        NotifyBuilder done = booksDone(1);
        drop("Embedded Art", folder -> {
            AUDIO.mp3WithCover(folder.resolve("01.mp3"), 1.0, tags("title", "One")); // 300x300
            AUDIO.mp3(folder.resolve("02.mp3"), 1.0, tags("title", "Two"));
            AUDIO.image(folder.resolve("cover.jpg"), 420, 420);
        });
        awaitBooks(done);

        Path output = converted().resolve("Embedded Art/Embedded Art.m4b");
        assertThat(INSPECT.inspect(output).hasCover()).isTrue();
        assertThat(OutputChecks.picture(output)).isEqualTo(new Picture("mjpeg", 300, 300));
        assertThat(OutputChecks.manifest(output.getParent()).path("cover").asText()).isEqualTo("01.mp3");
    }

    @Test
    void theBestImageFileBesideTheAudioBecomesTheCover() throws Exception {
        NotifyBuilder done = booksDone(6);
        drop("Named Cover", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags());
            AUDIO.image(folder.resolve("cover.jpg"), 320, 320);
            AUDIO.image(folder.resolve("folder.jpg"), 480, 480);
            AUDIO.image(folder.resolve("back.jpg"), 640, 640);
        });
        drop("Folder Image", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags());
            AUDIO.image(folder.resolve("folder.png"), 330, 330);
            AUDIO.image(folder.resolve("scan.jpg"), 640, 640);
        });
        drop("Largest Image", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags());
            AUDIO.image(folder.resolve("front.jpg"), 500, 500);
            AUDIO.image(folder.resolve("back.jpg"), 250, 250);
        });
        drop("Thumbnail Only Named", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags());
            AUDIO.image(folder.resolve("cover.jpg"), 24, 24); // a few hundred bytes: a thumbnail
            AUDIO.image(folder.resolve("art.jpg"), 350, 350);
        });
        drop("Webp Cover", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags());
            AUDIO.image(folder.resolve("cover.webp"), 360, 360);
        });
        drop("Thumbnail Only", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags());
            AUDIO.image(folder.resolve("cover.jpg"), 24, 24);
        });
        awaitBooks(done);

        assertThat(cover("Named Cover")).as("cover.* first").isEqualTo(new Picture("mjpeg", 320, 320));
        assertThat(cover("Folder Image")).as("then folder.*").isEqualTo(new Picture("png", 330, 330));
        assertThat(cover("Largest Image")).as("then the largest").isEqualTo(new Picture("mjpeg", 500, 500));
        assertThat(cover("Thumbnail Only Named")).as("a thumbnail is no cover").isEqualTo(new Picture("mjpeg", 350, 350));
        assertThat(cover("Webp Cover")).as("webp is stored as JPEG").isEqualTo(new Picture("mjpeg", 360, 360));
        Path bare = converted().resolve("Thumbnail Only/Thumbnail Only.m4b");
        assertThat(bare).exists();
        assertThat(INSPECT.inspect(bare).hasCover()).as("only a thumbnail: no cover").isFalse();
        // the images still travel beside the book
        assertThat(filesUnder(converted().resolve("Named Cover")))
            .contains("cover.jpg", "folder.jpg", "back.jpg");
    }

    private Picture cover(String book) throws Exception {
        Path output = converted().resolve(book + "/" + book + ".m4b");
        assertThat(INSPECT.inspect(output).hasCover()).as("%s has a cover", book).isTrue();
        return OutputChecks.picture(output);
    }
}
