package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.automb.testing.ServiceFiles.scratchLeftIn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.JobState;
import org.automb.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad books next to good ones: each bad book fails on its own with one clear line naming the book and the file,
 * its originals stay in the inbox byte for byte, and the good books convert as usual.
 */
class BadInputTest extends OriginalsTestSupport {

    private LogCapture log;

    @BeforeEach
    void captureLog() {
        log = LogCapture.start();
    }

    @AfterEach
    void stopCapture() {
        log.close();
    }

    @Test
    void eachBadBookFailsNamingBookAndFileAndTheGoodOnesConvert() throws Exception {
        NotifyBuilder done = booksDone(7);
        dropBook("Good Book", folder -> {
            AUDIO.mp3(folder.resolve("01 - One.mp3"), 1.0, tags("title", "One", "album", "Good Book"));
            AUDIO.mp3(folder.resolve("02 - Two.mp3"), 1.0, tags("title", "Two", "album", "Good Book"));
        });
        dropBook("Good Aac", folder -> {
            AUDIO.aac(folder.resolve("01 - One.m4a"), 1.0, 22050, 1, tags("title", "One"));
            AUDIO.aac(folder.resolve("02 - Two.m4a"), 1.0, 22050, 1, tags("title", "Two"));
        });
        dropBook("Corrupt Book", folder -> {
            AUDIO.mp3(folder.resolve("01 - Fine.mp3"), 1.0, tags());
            randomBytes(folder.resolve("02 - Noise.mp3"), 30_000);
        });
        dropBook("Empty File Book", folder -> {
            Files.createFile(folder.resolve("01 - Empty.mp3"));
            AUDIO.mp3(folder.resolve("02 - Fine.mp3"), 1.0, tags());
        });
        dropBook("Truncated Mp3 Book", folder -> {
            AUDIO.mp3(folder.resolve("01 - Fine.mp3"), 1.0, tags());
            truncate(AUDIO.mp3(folder.resolve("02 - Cut.mp3"), 3.0, tags()));
        });
        dropBook("Truncated M4a Book", folder -> truncate(AUDIO.aac(folder.resolve("01 - Cut.m4a"), 2.0, 22050, 1, tags())));
        dropLoose("Loose Noise.mp3", file -> randomBytes(file, 20_000));
        awaitBooks(done);

        assertConverted("Good Book");
        assertConverted("Good Aac");
        assertFailed("Corrupt Book", "02 - Noise.mp3", "");
        assertFailed("Empty File Book", "01 - Empty.mp3", "empty");
        assertFailed("Truncated Mp3 Book", "02 - Cut.mp3", "truncated");
        assertFailed("Truncated M4a Book", "01 - Cut.m4a", "");
        assertFailed("Loose Noise", "Loose Noise.mp3", "");

        assertOriginalsUntouched();
        assertThat(filesUnder(inbox())).as("the good books left the inbox")
            .noneMatch(f -> f.startsWith("Good Book/") || f.startsWith("Good Aac/"));
        assertThat(filesUnder(converted())).as("no output for a bad book")
            .allMatch(f -> f.startsWith("Good Book/") || f.startsWith("Good Aac/"));
        assertThat(scratchLeftIn(working())).as("working folder cleaned after failures").isEmpty();
    }

    @Test
    void oddNamesConvertAndNoShellEverSeesThem() throws Exception {
        String canary = "auto-m4b-pwned-" + System.nanoTime();
        String quotes = "Tom's \"Quoted\" Book";
        String shell = "Shell $(touch " + canary + ") `touch " + canary + "`; echo & x";
        String newlineMp3 = "Line\nBreak Book";
        String newlineAac = "Line\nBreak Aac";
        String unicode = "Ünïcödé – Bücher 日本語 📚";
        assumeThat(System.getProperty("sun.jnu.encoding")).as("file names are UTF-8").isEqualTo("UTF-8");

        NotifyBuilder done = booksDone(6);
        dropBook(quotes, folder -> {
            AUDIO.mp3(folder.resolve("01 - It's \"here\".mp3"), 1.0, tags());
            AUDIO.mp3(folder.resolve("02 - semi;colon & amp.mp3"), 1.0, tags());
        });
        dropBook(shell, folder -> {
            AUDIO.mp3(folder.resolve("01 - $(touch " + canary + ").mp3"), 1.0, tags());
            AUDIO.mp3(folder.resolve("02 - `touch " + canary + "`; rm -rf x & y.mp3"), 1.0, tags());
        });
        dropBook(newlineMp3, folder -> {
            AUDIO.mp3(folder.resolve("01 - first\nline.mp3"), 1.0, tags());
            AUDIO.mp3(folder.resolve("02 - second.mp3"), 1.0, tags());
        });
        dropBook(newlineAac, folder -> {
            AUDIO.aac(folder.resolve("01 - first\nline.m4a"), 1.0, 22050, 1, tags());
            AUDIO.aac(folder.resolve("02 - it's \"$(x)\".m4a"), 1.0, 22050, 1, tags());
        });
        dropBook(unicode, folder -> {
            AUDIO.mp3(folder.resolve("01 - Kapitel Eins – Größe.mp3"), 1.0, tags());
            AUDIO.mp3(folder.resolve("02 - 第二章 ✓.mp3"), 1.0, tags());
        });
        String loose = "Loose 'odd' \"q\" $(touch " + canary + ") `x`; & ü";
        dropLoose(loose + ".mp3", file -> AUDIO.mp3(file, 1.0, tags()));
        awaitBooks(done);

        assertThat(log.errors()).as("no book failed").isEmpty();
        assertChapters(quotes, "It's \"here\"", "semi;colon & amp");
        assertChapters(shell, "$(touch " + canary + ")", "`touch " + canary + "`; rm -rf x & y");
        assertChapters(newlineMp3, "first line", "second");
        assertChapters(newlineAac, "first line", "it's \"$(x)\"");
        assertChapters(unicode, "Kapitel Eins – Größe", "第二章 ✓");
        assertChapters(loose, loose);
        assertThat(INSPECT.inspect(outputOf(unicode)).tags()).containsEntry("title", unicode);
        assertThat(INSPECT.inspect(outputOf(quotes)).tags()).containsEntry("title", quotes);

        assertOriginalsUntouched();
        assertThat(filesUnder(inbox())).isEmpty();
        // a shell would have created the file in the service's working directory (or wherever it ran)
        try (Stream<Path> everywhere = Stream.concat(Files.walk(root()), Stream.of(Path.of(canary)))) {
            assertThat(everywhere.filter(p -> p.getFileName().toString().equals(canary)).filter(Files::exists).toList())
                .as("a shell ran a command hidden in a file name").isEmpty();
        }
    }

    @Test
    void anUnreadableFileFailsItsBookOnly() throws Exception {
        assumeThat(System.getProperty("user.name")).as("root reads every file").isNotEqualTo("root");
        NotifyBuilder done = booksDone(2);
        dropBook("Locked Book", folder -> {
            AUDIO.mp3(folder.resolve("01 - Open.mp3"), 1.0, tags());
            AUDIO.mp3(folder.resolve("02 - Locked.mp3"), 1.0, tags());
        }, folder -> Files.setPosixFilePermissions(folder.resolve("02 - Locked.mp3"), PosixFilePermissions.fromString("---------")));
        try {
            dropBook("Good Book", folder -> AUDIO.mp3(folder.resolve("01 - One.mp3"), 1.0, tags()));
            awaitBooks(done);
            assertFailed("Locked Book", "02 - Locked.mp3", "permission denied");
            assertConverted("Good Book");
        } finally {
            // wherever the book is now (inbox or failed folder), make the file readable again for the checks
            try (Stream<Path> files = Files.walk(root())) {
                for (Path file : files.filter(f -> f.getFileName().toString().equals("02 - Locked.mp3")).toList()) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
        assertOriginalsUntouched();
    }

    /**
     * Every original, byte for byte: in the archive for a converted book; for a failed one still in the inbox, or set
     * aside whole in a folder of FAILED_FOLDER.
     */
    private void assertOriginalsUntouched() throws IOException {
        for (Map.Entry<String, Original> book : originals.entrySet()) {
            String key = book.getKey();
            Original original = book.getValue();
            List<Path> places = new ArrayList<>();
            if (ledger().status(key) == JobState.DONE) {
                places.add(archive().resolve(key));
            } else {
                places.add(original.loose() ? inbox() : inbox().resolve(key));
                try (Stream<Path> failedBooks = Files.list(failed())) {
                    places.addAll(failedBooks.filter(Files::isDirectory).toList());
                }
            }
            List<Map<String, String>> found = new ArrayList<>();
            for (Path place : places) {
                found.add(original.loose() ? Checksums.ofFiles(place, original.sums().keySet().toArray(String[]::new))
                    : withoutFailedInfo(Checksums.of(place)));
            }
            assertThat(found).as("originals of '%s' in one of %s", key, places).contains(original.sums());
        }
    }

    // --- what the user sees ---

    /** A folder of FAILED_FOLDER also holds FAILED_INFO.txt and the book's log (auto-m4b.log), written by the service. */
    private static Map<String, String> withoutFailedInfo(Map<String, String> sums) {
        sums.remove("FAILED_INFO.txt");
        sums.remove("auto-m4b.log");
        return sums;
    }

    private void assertConverted(String key) {
        assertThat(ledger().status(key)).as("status of '%s'", key).isEqualTo(JobState.DONE);
        assertThat(outputOf(key)).exists();
        assertThat(INSPECT.inspect(outputOf(key)).codec()).isEqualTo("aac");
    }

    private void assertChapters(String key, String... titles) {
        assertConverted(key);
        assertThat(INSPECT.inspect(outputOf(key)).chapterTitles()).as("chapters of '%s'", key).containsExactly(titles);
    }

    /** The book failed; the ledger and the log both say so in a line naming the book and the file. */
    private void assertFailed(String key, String fileName, String reason) {
        assertThat(ledger().status(key)).as("status of '%s'", key).isEqualTo(JobState.FAILED);
        String message = ledger().message(key).orElseThrow();
        assertThat(message).as("failure message").contains("book '" + key + "'").contains("file '" + fileName + "'")
            .containsIgnoringCase(reason);
        assertThat(log.errors()).as("logged failure of '%s'", key)
            .anyMatch(line -> line.contains("book '" + key + "'") && line.contains("file '" + fileName + "'")
                && line.contains("originals are untouched"));
        assertThat(converted().resolve(key)).doesNotExist();
    }

    // --- damaged files ---

    private static void randomBytes(Path file, int size) {
        byte[] noise = new byte[size];
        new Random(size).nextBytes(noise);
        try {
            Files.write(file, noise);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cuts a file in the middle of its audio, as an interrupted download leaves it. */
    private static void truncate(Path file) {
        try {
            byte[] whole = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2 + 37));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
