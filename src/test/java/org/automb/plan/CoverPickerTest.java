package org.automb.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.plan.SourceFixtures.mp3;
import static org.automb.plan.SourceFixtures.withCover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.automb.media.AudioSource;
import org.automb.plan.CoverPicker.CoverChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverPickerTest {

    private final CoverPicker picker = new CoverPicker();

    @TempDir
    Path dir;

    private Path file(String name, int bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
        return file;
    }

    @Test
    void theFirstSourcesEmbeddedPictureWins() throws IOException {
        AudioSource first = withCover(mp3("01.mp3"), 1);
        List<Path> images = List.of(file("cover.jpg", 100_000));

        assertThat(picker.pick(List.of(first, mp3("02.mp3")), images))
                .contains(new CoverChoice(first.file(), 1));
        assertThat(picker.pick(List.of(first), images).orElseThrow().embedded()).isTrue();
    }

    @Test
    void aPictureInALaterSourceDoesNotCount() throws IOException {
        Path folder = file("folder.png", 20_000);

        Optional<CoverChoice> choice = picker.pick(List.of(mp3("01.mp3"), withCover(mp3("02.mp3"), 2)), List.of(folder));

        assertThat(choice).contains(new CoverChoice(folder, -1));
        assertThat(choice.orElseThrow().embedded()).isFalse();
    }

    @Test
    void coverBeatsFolderBeatsLarger() throws IOException {
        Path big = file("scan-front.jpg", 900_000);
        Path folder = file("Folder.JPG", 10_000);
        Path cover = file("COVER.png", 8_000);

        assertThat(picker.pick(List.of(mp3("a.mp3")), List.of(big, folder, cover))).contains(new CoverChoice(cover, -1));
        assertThat(picker.pick(List.of(mp3("a.mp3")), List.of(big, folder))).contains(new CoverChoice(folder, -1));
    }

    @Test
    void otherwiseTheLargestImage() throws IOException {
        Path small = file("back.jpg", 10_000);
        Path large = file("front.jpeg", 50_000);
        Path middle = file("inlay.png", 20_000);

        assertThat(picker.pick(List.of(), List.of(small, large, middle))).contains(new CoverChoice(large, -1));
    }

    @Test
    void jpgAndPngArePreferredOverOtherFormats() throws IOException {
        Path webp = file("cover.webp", 90_000);
        Path jpg = file("cover.jpg", 9_000);
        Path gif = file("front.gif", 90_000);
        Path png = file("back.png", 8_000);

        assertThat(picker.pick(List.of(), List.of(webp, jpg))).contains(new CoverChoice(jpg, -1));
        assertThat(picker.pick(List.of(), List.of(gif, png))).contains(new CoverChoice(png, -1));
        assertThat(picker.pick(List.of(), List.of(gif, file("art.bmp", 10_000)))).contains(new CoverChoice(gif, -1));
    }

    @Test
    void aCoverNamedWebpStillBeatsAnAnonymousJpg() throws IOException {
        Path webp = file("cover.webp", 9_000);

        assertThat(picker.pick(List.of(), List.of(file("scan.jpg", 90_000), webp))).contains(new CoverChoice(webp, -1));
    }

    @Test
    void thumbnailsUnder7KiBAreIgnored() throws IOException {
        Path thumb = file("cover.jpg", 7167);
        Path justBigEnough = file("art.jpg", 7168);

        assertThat(picker.pick(List.of(), List.of(thumb))).isEmpty();
        assertThat(picker.pick(List.of(), List.of(thumb, justBigEnough))).contains(new CoverChoice(justBigEnough, -1));
    }

    @Test
    void nonImagesMissingFilesAndFoldersAreIgnored() throws IOException {
        Path pdf = file("cover.pdf", 900_000);
        Path txt = file("cover.txt", 900_000);
        Path missing = dir.resolve("cover.jpg");
        Path folder = Files.createDirectory(dir.resolve("folder.png"));

        assertThat(picker.pick(List.of(mp3("a.mp3")), List.of(pdf, txt, missing, folder))).isEmpty();
        assertThat(picker.pick(List.of(), List.of())).isEmpty();
    }

    @Test
    void nonAsciiAndQuotedNamesWork() throws IOException {
        Path image = file("Hörbuch „Титул“ 'front'.jpg", 10_000);

        assertThat(picker.pick(List.of(), List.of(image))).contains(new CoverChoice(image, -1));
    }

    @Test
    void coverInASubfolderCounts() throws IOException {
        Path nested = file("Scans/Cover.jpg", 10_000);

        assertThat(picker.pick(List.of(), List.of(file("page1.jpg", 80_000), nested))).contains(new CoverChoice(nested, -1));
    }
}
