package org.automb.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FileNames: names that fit a file system's limit in bytes, shortened the same way every time. */
class FileNamesTest {

    @TempDir
    Path tmp;

    private static int bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void aNameThatFitsIsKeptAsItIs() {
        String name = "a".repeat(251) + ".m4b";

        assertThat(FileNames.fitFile(name, 255)).isEqualTo(name);
        assertThat(FileNames.fitFolder("a".repeat(255), 255)).isEqualTo("a".repeat(255));
        assertThat(FileNames.fitWithSuffix("Book", "_2026-12-05_06-46-24", 255)).isEqualTo("Book_2026-12-05_06-46-24");
    }

    @Test
    void aLongFileNameKeepsItsStartAndExtensionAndGetsAHash() {
        String name = "Author - Title ".repeat(20) + ".m4b"; // 304 bytes

        String fitted = FileNames.fitFile(name, 255);

        assertThat(bytes(fitted)).isLessThanOrEqualTo(255).isGreaterThan(240);
        assertThat(fitted).startsWith("Author - Title Author").endsWith(".m4b").matches(".*~[0-9a-f]{8}\\.m4b");
        assertThat(FileNames.fitFile(name, 255)).as("the same every time").isEqualTo(fitted);
    }

    @Test
    void twoLongNamesThatStartAlikeStayApart() {
        String common = "x".repeat(300);

        assertThat(FileNames.fitFile(common + " part 1.mp3", 255)).isNotEqualTo(FileNames.fitFile(common + " part 2.mp3", 255));
        assertThat(FileNames.fitFolder(common + "1", 255)).isNotEqualTo(FileNames.fitFolder(common + "2", 255));
    }

    @Test
    void multiByteCharactersAreNeverCut() {
        String accents = "é".repeat(200);          // 400 bytes, 2 each
        String emoji = "\uD83D\uDCD6".repeat(100);  // 400 bytes, 4 each, surrogate pairs in Java

        for (String name : new String[] {accents + ".m4b", emoji + ".m4b"}) {
            String fitted = FileNames.fitFile(name, 143);
            assertThat(bytes(fitted)).isLessThanOrEqualTo(143);
            assertThat(new String(fitted.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).as("valid UTF-8")
                .isEqualTo(fitted);
            String stem = fitted.substring(0, fitted.indexOf('~'));
            assertThat(name).startsWith(stem);
            assertThat(stem.codePoints().allMatch(c -> c == 'é' || c == 0x1F4D6)).isTrue();
        }
    }

    @Test
    void aFolderNameKeepsNoExtensionAndAFileWithoutOneIsShortenedWhole() {
        String folder = "Vol".repeat(100) + ".2";

        assertThat(FileNames.fitFolder(folder, 255)).doesNotEndWith(".2").matches(".*~[0-9a-f]{8}");
        assertThat(FileNames.fitFile("n".repeat(300), 255)).matches("n+~[0-9a-f]{8}").hasSize(255);
        assertThat(FileNames.fitFile("." + "n".repeat(300), 255)).as("a dot file's name is no extension")
            .matches("\\.n+~[0-9a-f]{8}");
    }

    @Test
    void aSuffixIsKeptWholeAndTheNameShortenedToMakeRoom() {
        String name = "b".repeat(250);
        String suffix = "_2026-12-05_06-46-24";

        String fitted = FileNames.fitWithSuffix(name, suffix, 255);

        assertThat(bytes(fitted)).isLessThanOrEqualTo(255);
        assertThat(fitted).startsWith("bbbb").endsWith("~" + fitted.substring(fitted.indexOf('~') + 1, fitted.indexOf('~') + 9) + suffix);
        assertThat(FileNames.fitWithSuffix(name, suffix + "_2", 255)).endsWith(suffix + "_2").hasSizeLessThanOrEqualTo(255);
    }

    @Test
    void aNameTooLongForTheFileSystemIsRecognised() throws IOException {
        Path tooLong = tmp.resolve("z".repeat(300));

        IOException refused = null;
        try {
            Files.createFile(tooLong);
        } catch (IOException e) {
            refused = e;
        }

        assertThat(refused).as("the file system refuses a 300-byte name").isNotNull();
        assertThat(FileNames.isNameTooLong(refused)).isTrue();
        assertThat(FileNames.isNameTooLong(new AccessDeniedException("x"))).isFalse();
        assertThat(FileNames.isNameTooLong(new IOException("File name too long"))).as("only the file system's own error").isFalse();
        assertThat(FileNames.isNameTooLong(new FileSystemException("x", null, "File name too long"))).isTrue();
        Path fitted = tmp.resolve(FileNames.fitFolder(tooLong.getFileName().toString(), 255));
        Files.createFile(fitted);
        assertThat(fitted).exists();
        assertThatThrownBy(() -> Files.createFile(tmp.resolve("y".repeat(256)))).isInstanceOf(FileSystemException.class);
    }
}
